package dev.gatehouse.connectors.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  final RetryPolicy policy =
      new RetryPolicy(
          2,
          Duration.ofMillis(200),
          Duration.ofSeconds(10),
          RandomGenerator.of("L64X128MixRandom"));

  @Test
  void retriesOnlyIdempotentMethodsAndOnlySoOften() {
    assertThat(policy.mayRetry("GET", 0)).isTrue();
    assertThat(policy.mayRetry("PUT", 1)).isTrue();
    assertThat(policy.mayRetry("DELETE", 2)).isFalse();
    assertThat(policy.mayRetry("POST", 0)).isFalse();
    assertThat(policy.mayRetry("PATCH", 0)).isFalse();
    assertThat(RetryPolicy.retryableStatus(503)).isTrue();
    assertThat(RetryPolicy.retryableStatus(500)).isFalse();
    assertThat(RetryPolicy.retryableStatus(404)).isFalse();
  }

  @Test
  void backsOffExponentiallyWithJitter() {
    for (int attempt = 0; attempt < 3; attempt++) {
      long full = 200L << attempt;
      assertThat(policy.backoff(attempt).toMillis()).isBetween(full / 2, full);
    }
    assertThat(policy.backoff(30)).isLessThanOrEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void readsRetryAfterAsSecondsOrAnHttpDate() {
    Instant now = Instant.parse("2026-11-30T01:00:00Z");
    assertThat(RetryPolicy.retryAfter(Optional.of("7"), now)).contains(Duration.ofSeconds(7));
    assertThat(RetryPolicy.retryAfter(Optional.of("Mon, 30 Nov 2026 01:00:12 GMT"), now))
        .contains(Duration.ofSeconds(12));
    assertThat(RetryPolicy.retryAfter(Optional.of("Mon, 30 Nov 2026 00:59:00 GMT"), now))
        .contains(Duration.ZERO);
    assertThat(RetryPolicy.retryAfter(Optional.of("soon"), now)).isEmpty();
    assertThat(RetryPolicy.retryAfter(Optional.empty(), now)).isEmpty();
  }
}
