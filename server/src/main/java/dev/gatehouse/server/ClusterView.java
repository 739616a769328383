package dev.gatehouse.server;

import dev.gatehouse.server.cluster.NodeHeartbeat;
import dev.gatehouse.server.cluster.SharedRedis;
import dev.gatehouse.server.config.ClusterSettings;
import dev.gatehouse.server.config.GatehouseConfig;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.List;
import java.util.Optional;

/**
 * The cluster as {@code gatehouse status} shows it, probed from the CLI's own process: whether the
 * shared Redis and PostgreSQL answer, and the nodes whose heartbeat is in Redis.
 *
 * @param nodeId this node's name
 * @param redis {@code ok}, or why not; empty when no {@code cluster.redis} is configured
 * @param postgres {@code ok}, or why not; empty when no {@code cluster.database} is configured
 * @param nodes the nodes seen in the last {@link NodeHeartbeat#TTL}, by name
 */
public record ClusterView(
    String nodeId,
    Optional<String> redis,
    Optional<String> postgres,
    List<NodeHeartbeat.Beat> nodes) {
  public static final String OK = "ok";

  /** Probes the stores named by {@code config}'s {@code cluster:} section. */
  public static ClusterView probe(GatehouseConfig config, ClusterSettings cluster) {
    Optional<Gateway> gateway;
    String storeProblem = "";
    try {
      gateway = Optional.of(Gateway.offline(config));
    } catch (RuntimeException e) {
      gateway = Optional.empty();
      storeProblem = String.valueOf(e.getMessage());
    }
    try {
      String unopened = "unreachable (" + storeProblem + ")";
      Optional<Gateway> store = gateway;
      Optional<String> postgres =
          cluster
              .database()
              .map(
                  d ->
                      store
                          .map(g -> g.database().isHealthy() ? OK : "does not answer select 1")
                          .orElse(unopened));
      Optional<RedisProbe> redis =
          cluster
              .redis()
              .map(
                  r ->
                      r.password().isPresent() && store.isEmpty()
                          ? new RedisProbe(
                              "not probed: its password is in the store, which cannot be opened",
                              List.of())
                          : redis(r, store, cluster.nodeId()));
      return new ClusterView(
          cluster.nodeId(),
          redis.map(RedisProbe::health),
          postgres,
          redis.map(RedisProbe::nodes).orElse(List.of()));
    } finally {
      gateway.ifPresent(Gateway::close);
    }
  }

  private record RedisProbe(String health, List<NodeHeartbeat.Beat> nodes) {}

  private static RedisProbe redis(
      ClusterSettings.Redis settings, Optional<Gateway> store, String nodeId) {
    try (SharedRedis redis = new SharedRedis(settings, nodeId + "-status")) {
      redis.start(settings.password().map(p -> store.orElseThrow().resolveSecrets(p)));
      Optional<RedisCommands<String, String>> commands = redis.commands();
      if (commands.isEmpty()) {
        return new RedisProbe("unreachable", List.of());
      }
      commands.get().ping();
      return new RedisProbe(OK, NodeHeartbeat.seen(commands.get()));
    } catch (RuntimeException e) {
      return new RedisProbe("unreachable (" + e.getClass().getSimpleName() + ")", List.of());
    }
  }
}
