package dev.gatehouse.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.server.config.ClusterSettings;
import dev.gatehouse.server.testing.RedisServer;
import dev.gatehouse.shield.rate.Rate;
import dev.gatehouse.shield.rate.RateDecision;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Token buckets in the Redis on this machine, under a key prefix of this run's own. */
class RedisRateLimiterTest {
  static final String PREFIX = "gatehouse-test:" + UUID.randomUUID() + ":rate:";
  static SharedRedis redis;
  static RedisRateLimiter limiter;

  @BeforeAll
  static void connect() {
    redis =
        new SharedRedis(
            new ClusterSettings.Redis(URI.create("redis://127.0.0.1:6379/0"), Optional.empty()),
            "limiter-test");
    redis.start(Optional.empty());
    limiter = new RedisRateLimiter(redis, PREFIX);
  }

  @AfterAll
  static void cleanUp() {
    redis.commands().ifPresent(c -> c.keys(PREFIX + "*").forEach(key -> c.del(key)));
    redis.close();
  }

  private static Rate rate(String text) {
    return Rate.parse(text).orElseThrow();
  }

  @Test
  void fiftyConcurrentChecksAgainstABucketOfTwentyAdmitExactlyTwenty() throws Exception {
    Rate twenty = rate("20/hour");
    CountDownLatch go = new CountDownLatch(1);
    List<Future<RateDecision>> decisions = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(50)) {
      for (int i = 0; i < 50; i++) {
        decisions.add(
            pool.submit(
                () -> {
                  go.await();
                  return limiter.tryAcquire("concurrent", twenty);
                }));
      }
      go.countDown();
      List<RateDecision> done = new ArrayList<>();
      for (Future<RateDecision> decision : decisions) {
        done.add(decision.get());
      }
      assertThat(done).filteredOn(RateDecision.Granted.class::isInstance).hasSize(20);
      assertThat(done)
          .filteredOn(RateDecision.Limited.class::isInstance)
          .hasSize(30)
          .allSatisfy(
              d ->
                  assertThat(((RateDecision.Limited) d).retryAfter())
                      .isPositive()
                      .isLessThanOrEqualTo(Duration.ofMinutes(3)));
    }
  }

  @Test
  void aLimitedCallIsToldWhenItsTokenComesBack() {
    Rate one = rate("1/minute");
    assertThat(limiter.tryAcquire("retry", one)).isEqualTo(RateDecision.GRANTED);
    RateDecision second = limiter.tryAcquire("retry", one);
    assertThat(second).isInstanceOf(RateDecision.Limited.class);
    assertThat(((RateDecision.Limited) second).retryAfter())
        .isGreaterThan(Duration.ofSeconds(55))
        .isLessThanOrEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void bucketsRefillOnTheServersClockAndExpireWhenIdle() {
    Rate fast = rate("2/second");
    assertThat(limiter.tryAcquire("refill", fast)).isEqualTo(RateDecision.GRANTED);
    assertThat(limiter.tryAcquire("refill", fast)).isEqualTo(RateDecision.GRANTED);
    assertThat(limiter.tryAcquire("refill", fast)).isInstanceOf(RateDecision.Limited.class);
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(3))
        .until(() -> limiter.tryAcquire("refill", fast) == RateDecision.GRANTED);
    long ttl = redis.commands().orElseThrow().pttl(PREFIX + "refill|2/second");
    assertThat(ttl).isPositive().isLessThanOrEqualTo(2000);
  }

  @Test
  void theSameBucketWithAnotherRateIsAnotherBucket() {
    assertThat(limiter.tryAcquire("reshaped", rate("1/hour"))).isEqualTo(RateDecision.GRANTED);
    assertThat(limiter.tryAcquire("reshaped", rate("1/hour")))
        .isInstanceOf(RateDecision.Limited.class);
    assertThat(limiter.tryAcquire("reshaped", rate("2/hour"))).isEqualTo(RateDecision.GRANTED);
  }

  @Test
  void aFreshServerWithoutTheScriptLoadedStillAnswers(@TempDir Path logs) throws Exception {
    try (RedisServer own = RedisServer.start(logs);
        SharedRedis fresh =
            new SharedRedis(
                new ClusterSettings.Redis(URI.create(own.url()), Optional.empty()), "fresh")) {
      fresh.start(Optional.empty());
      RedisRateLimiter first = new RedisRateLimiter(fresh);
      assertThat(first.tryAcquire("noscript", rate("1/minute"))).isEqualTo(RateDecision.GRANTED);
      assertThat(first.tryAcquire("noscript", rate("1/minute")))
          .isInstanceOf(RateDecision.Limited.class);
      assertThat(fresh.commands().orElseThrow().exists("gatehouse:rate:noscript|1/minute"))
          .isEqualTo(1L);
    }
  }
}
