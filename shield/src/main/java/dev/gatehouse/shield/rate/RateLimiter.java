package dev.gatehouse.shield.rate;

/** Token buckets by key. Implementations must be safe for concurrent calls. */
public interface RateLimiter {
  /** Takes one token from the bucket {@code key} (sized and refilled by {@code rate}), if any. */
  RateDecision tryAcquire(String key, Rate rate);
}
