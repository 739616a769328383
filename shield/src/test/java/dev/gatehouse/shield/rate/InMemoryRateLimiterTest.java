package dev.gatehouse.shield.rate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The limiter's memory bound never resets a limit that is still counting. */
class InMemoryRateLimiterTest {
  private final RateLimitTest.MovableClock clock = new RateLimitTest.MovableClock();
  private final InMemoryRateLimiter limiter = new InMemoryRateLimiter(clock);
  private final Rate onePerHour = Rate.parse("1/hour").orElseThrow();

  @Test
  void aFloodOfNewKeysDoesNotRefillAnEmptiedBucket() {
    assertEquals(RateDecision.GRANTED, limiter.tryAcquire("victim", onePerHour));
    for (int i = 0; i <= 100_001; i++) {
      limiter.tryAcquire("flood-" + i, onePerHour);
    }
    assertInstanceOf(RateDecision.Limited.class, limiter.tryAcquire("victim", onePerHour));
  }

  @Test
  void bucketsThatHaveRefilledAreDroppedOnceThereAreTooMany() {
    for (int i = 0; i <= 100_001; i++) {
      limiter.tryAcquire("old-" + i, onePerHour);
    }
    clock.advance(Duration.ofHours(1));
    limiter.tryAcquire("after-an-hour", onePerHour);
    assertTrue(limiter.size() < 100, "refilled buckets were dropped: " + limiter.size());
    assertEquals(RateDecision.GRANTED, limiter.tryAcquire("old-1", onePerHour));
  }
}
