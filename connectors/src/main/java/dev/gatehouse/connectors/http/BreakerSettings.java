package dev.gatehouse.connectors.http;

import java.time.Duration;

/**
 * When an HTTP API upstream's circuit opens and for how long.
 *
 * @param failures consecutive failed calls that open the circuit
 * @param openFor how long it stays open before one trial call is let through
 */
public record BreakerSettings(int failures, Duration openFor) {
  public static final BreakerSettings DEFAULT = new BreakerSettings(5, Duration.ofSeconds(30));
}
