package dev.gatehouse.connectors.http;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Which failures are retried and how long to wait: only idempotent methods, only on 429, 502, 503,
 * 504 or a failed connection; exponential backoff with jitter, or the server's {@code Retry-After}.
 */
record RetryPolicy(int retries, Duration firstDelay, Duration maxDelay, RandomGenerator random) {
  static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "PUT", "DELETE", "OPTIONS");
  static final Set<Integer> RETRYABLE = Set.of(429, 502, 503, 504);

  boolean mayRetry(String method, int attempt) {
    return attempt < retries && IDEMPOTENT.contains(method);
  }

  static boolean retryableStatus(int status) {
    return RETRYABLE.contains(status);
  }

  /** Full backoff for the given attempt (0 = the first retry), between half and all of it. */
  Duration backoff(int attempt) {
    long millis = Math.min(firstDelay.toMillis() << Math.min(attempt, 20), maxDelay.toMillis());
    long jittered = millis / 2 + (millis > 1 ? random.nextLong(millis / 2 + 1) : 0);
    return Duration.ofMillis(jittered);
  }

  /** The wait a {@code Retry-After} value asks for: seconds or an HTTP-date. */
  static Optional<Duration> retryAfter(Optional<String> header, Instant now) {
    if (header.isEmpty()) {
      return Optional.empty();
    }
    String value = header.get().trim();
    try {
      long seconds = Long.parseLong(value);
      return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration wait = Duration.between(now, at);
        return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
      } catch (DateTimeParseException notADate) {
        return Optional.empty();
      }
    }
  }
}
