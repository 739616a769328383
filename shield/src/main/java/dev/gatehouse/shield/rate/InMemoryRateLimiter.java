package dev.gatehouse.shield.rate;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets in this process: each starts full ({@code calls} tokens) and refills continuously
 * at {@code calls} per {@code period}. Time comes from an {@link InstantSource}, so tests move it.
 */
public final class InMemoryRateLimiter implements RateLimiter {
  private static final int MAX_BUCKETS = 100_000;

  private final InstantSource clock;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  public InMemoryRateLimiter(InstantSource clock) {
    this.clock = clock;
  }

  private static final class Bucket {
    double tokens;
    Instant updated;

    Bucket(double tokens, Instant updated) {
      this.tokens = tokens;
      this.updated = updated;
    }
  }

  @Override
  public RateDecision tryAcquire(String key, Rate rate) {
    Instant now = clock.instant();
    if (buckets.size() > MAX_BUCKETS) {
      buckets.clear(); // a flood of keys must not exhaust memory; buckets start full again
    }
    Bucket bucket =
        buckets.computeIfAbsent(key + "\u0000" + rate.text(), k -> new Bucket(rate.calls(), now));
    synchronized (bucket) {
      double perNano = (double) rate.calls() / rate.period().toNanos();
      long elapsed = Math.max(0, Duration.between(bucket.updated, now).toNanos());
      bucket.tokens = Math.min(rate.calls(), bucket.tokens + elapsed * perNano);
      bucket.updated = now;
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return RateDecision.GRANTED;
      }
      long waitNanos = (long) Math.ceil((1 - bucket.tokens) / perNano);
      return new RateDecision.Limited(Duration.ofNanos(waitNanos));
    }
  }
}
