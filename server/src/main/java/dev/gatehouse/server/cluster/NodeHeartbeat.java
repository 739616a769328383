package dev.gatehouse.server.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each node with {@code cluster.redis} writes what it runs to {@code gatehouse:node:<node_id>}
 * every second, with a {@link #TTL}: a node that stops vanishes by itself. {@code gatehouse status}
 * reads them all ({@link #seen}) to show the cluster.
 */
public final class NodeHeartbeat {
  public static final String PREFIX = "gatehouse:node:";
  public static final Duration TTL = Duration.ofSeconds(10);
  private static final Logger log = LoggerFactory.getLogger(NodeHeartbeat.class);
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
          .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  /**
   * What a node says about itself.
   *
   * @param killSwitch {@code off}, {@code on} or {@code unknown}, as the node sees it
   */
  public record Beat(
      String node,
      String version,
      String policyRevision,
      Instant started,
      Instant lastSeen,
      String killSwitch) {}

  private final SharedRedis redis;
  private final Supplier<Beat> now;
  private volatile boolean failing;

  /**
   * @param now this node's beat, made fresh for each write
   */
  public NodeHeartbeat(SharedRedis redis, Supplier<Beat> now) {
    this.redis = redis;
    this.now = now;
  }

  /** Writes this node's beat; a Redis outage is reported by {@code /healthz}, not here. */
  public void beat() {
    Beat beat = now.get();
    try {
      RedisCommands<String, String> commands = redis.commands().orElseThrow();
      commands.set(PREFIX + beat.node(), MAPPER.writeValueAsString(beat), SetArgs.Builder.ex(TTL));
      failing = false;
    } catch (RuntimeException | JsonProcessingException e) {
      if (!failing) {
        log.warn("the heartbeat of node {} was not written to Redis", beat.node());
      }
      failing = true;
    }
  }

  /** Every node whose beat has not expired, by name. */
  public static List<Beat> seen(RedisCommands<String, String> commands) {
    List<Beat> beats = new ArrayList<>();
    ScanCursor cursor = ScanCursor.INITIAL;
    do {
      KeyScanCursor<String> page =
          commands.scan(cursor, ScanArgs.Builder.matches(PREFIX + "*").limit(500));
      for (String key : page.getKeys()) {
        String json = commands.get(key);
        if (json == null) {
          continue;
        }
        try {
          beats.add(MAPPER.readValue(json, Beat.class));
        } catch (JsonProcessingException e) {
          log.warn("ignoring an unreadable heartbeat under {}", key);
        }
      }
      cursor = page;
    } while (!cursor.isFinished());
    beats.sort(Comparator.comparing(Beat::node));
    return beats;
  }
}
