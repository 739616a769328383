package dev.gatehouse.server.cluster;

import dev.gatehouse.shield.rate.Rate;
import dev.gatehouse.shield.rate.RateDecision;
import dev.gatehouse.shield.rate.RateLimiter;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Token buckets shared by every node, in Redis. One Lua script per check reads the bucket, refills
 * it by the time elapsed on the Redis server's own clock ({@code TIME}, so nodes with skewed clocks
 * agree), takes a token if there is one, and sets a TTL so idle buckets disappear (an absent bucket
 * is a full one). Buckets live under {@code gatehouse:rate:<bucket>|<rate>}.
 *
 * <p>Fails closed: when Redis cannot answer, the decision is {@link RateDecision.Unavailable}.
 */
public final class RedisRateLimiter implements RateLimiter {
  public static final String PREFIX = "gatehouse:rate:";
  static final String UNAVAILABLE = "the shared rate limit store is unavailable";

  /**
   * KEYS[1] the bucket; ARGV[1] capacity (calls), ARGV[2] period in microseconds. Returns 0 when a
   * token was taken, else the microseconds until one is back.
   */
  static final String SCRIPT =
      """
      local capacity = tonumber(ARGV[1])
      local period = tonumber(ARGV[2])
      local t = redis.call('TIME')
      local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
      local state = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
      local tokens = tonumber(state[1])
      local ts = tonumber(state[2])
      if tokens == nil or ts == nil then
        tokens = capacity
        ts = now
      end
      local elapsed = math.max(0, now - ts)
      tokens = math.min(capacity, tokens + elapsed * capacity / period)
      local wait = 0
      if tokens >= 1 then
        tokens = tokens - 1
      else
        wait = math.ceil((1 - tokens) * period / capacity)
      end
      redis.call('HSET', KEYS[1], 'tokens', string.format('%.17g', tokens), 'ts', string.format('%d', now))
      redis.call('PEXPIRE', KEYS[1], math.ceil(period / 1000) + 1000)
      return wait
      """;

  static final String SHA = sha1(SCRIPT);

  private final SharedRedis redis;
  private final String prefix;

  public RedisRateLimiter(SharedRedis redis) {
    this(redis, PREFIX);
  }

  /** With another key prefix: tests keep their buckets apart from everyone else's. */
  public RedisRateLimiter(SharedRedis redis, String prefix) {
    this.redis = redis;
    this.prefix = prefix;
  }

  @Override
  public RateDecision tryAcquire(String key, Rate rate) {
    Optional<RedisCommands<String, String>> commands = redis.commands();
    if (commands.isEmpty()) {
      redis.failed(null);
      return new RateDecision.Unavailable(UNAVAILABLE);
    }
    String[] keys = {prefix + key + "|" + rate.text()};
    String calls = Integer.toString(rate.calls());
    String periodMicros = Long.toString(rate.period().toNanos() / 1000);
    try {
      Long wait;
      try {
        wait = commands.get().evalsha(SHA, ScriptOutputType.INTEGER, keys, calls, periodMicros);
      } catch (RedisNoScriptException e) {
        wait = commands.get().eval(SCRIPT, ScriptOutputType.INTEGER, keys, calls, periodMicros);
      }
      redis.succeeded();
      return wait == null || wait <= 0
          ? RateDecision.GRANTED
          : new RateDecision.Limited(Duration.of(wait, ChronoUnit.MICROS));
    } catch (RuntimeException e) {
      redis.failed(e);
      return new RateDecision.Unavailable(UNAVAILABLE);
    }
  }

  private static String sha1(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
