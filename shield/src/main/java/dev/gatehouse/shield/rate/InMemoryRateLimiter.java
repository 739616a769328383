package dev.gatehouse.shield.rate;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets in this process: each starts full ({@code calls} tokens) and refills continuously
 * at {@code calls} per {@code period}. Time comes from an {@link InstantSource}, so tests move it.
 *
 * <p>Memory stays bounded without resetting anyone's limit: once there are more than {@value
 * #MAX_BUCKETS} buckets, those that have refilled completely are dropped (a full bucket is what a
 * new one would be). Buckets still counting are kept, however many keys a caller invents, and the
 * next sweep waits until their number has doubled, so a flood of keys costs no sweep per call.
 */
public final class InMemoryRateLimiter implements RateLimiter {
  private static final int MAX_BUCKETS = 100_000;
  private static final Duration SWEEP_AT_MOST_EVERY = Duration.ofMinutes(1);

  private final InstantSource clock;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final java.util.concurrent.locks.ReentrantLock sweeping =
      new java.util.concurrent.locks.ReentrantLock();
  private volatile int sweepAbove = MAX_BUCKETS; // written under sweeping
  private volatile Instant nextSweep = Instant.MIN; // written under sweeping

  public InMemoryRateLimiter(InstantSource clock) {
    this.clock = clock;
  }

  private static final class Bucket {
    final Rate rate;
    double tokens;
    Instant updated;

    Bucket(Rate rate, Instant updated) {
      this.rate = rate;
      this.tokens = rate.calls();
      this.updated = updated;
    }

    /** Brings the tokens up to {@code now}. */
    void refill(Instant now) {
      double perNano = (double) rate.calls() / rate.period().toNanos();
      long elapsed = Math.max(0, Duration.between(updated, now).toNanos());
      tokens = Math.min(rate.calls(), tokens + elapsed * perNano);
      updated = now;
    }

    synchronized boolean fullAt(Instant now) {
      refill(now);
      return tokens >= rate.calls();
    }
  }

  @Override
  public RateDecision tryAcquire(String key, Rate rate) {
    Instant now = clock.instant();
    int size = buckets.size();
    if (size > MAX_BUCKETS
        && (size > sweepAbove || !now.isBefore(nextSweep))
        && sweeping.tryLock()) {
      try {
        buckets.values().removeIf(b -> b.fullAt(now));
        sweepAbove = Math.max(MAX_BUCKETS, 2 * buckets.size());
        nextSweep = now.plus(SWEEP_AT_MOST_EVERY);
      } finally {
        sweeping.unlock();
      }
    }
    Bucket bucket =
        buckets.computeIfAbsent(key + "\u0000" + rate.text(), k -> new Bucket(rate, now));
    synchronized (bucket) {
      bucket.refill(now);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return RateDecision.GRANTED;
      }
      double perNano = (double) rate.calls() / rate.period().toNanos();
      long waitNanos = (long) Math.ceil((1 - bucket.tokens) / perNano);
      return new RateDecision.Limited(Duration.ofNanos(waitNanos));
    }
  }

  /** How many buckets are held (for tests of the memory bound). */
  int size() {
    return buckets.size();
  }
}
