package dev.gatehouse.connectors.mcp;

import java.time.Duration;

/** Exponential restart delays: 1 s, 2 s, 4 s, ... capped, reset after a healthy start. */
record Backoff(Duration first, Duration max) {
  static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60));

  Duration delay(int failuresInARow) {
    if (failuresInARow <= 0) {
      return Duration.ZERO;
    }
    long millis = first.toMillis() << Math.min(failuresInARow - 1, 20);
    return Duration.ofMillis(Math.min(millis, max.toMillis()));
  }
}
