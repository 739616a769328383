package dev.gatehouse.connectors.http;

import java.time.Duration;

/** Waits between retry attempts; tests replace it to record the waits instead. */
@FunctionalInterface
public interface Sleeper {
  void sleep(Duration duration) throws InterruptedException;
}
