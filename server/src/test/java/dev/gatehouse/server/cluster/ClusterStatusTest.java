package dev.gatehouse.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.server.cli.Main;
import dev.gatehouse.server.config.ClusterSettings;
import dev.gatehouse.server.testing.FakeHttpUpstream;
import dev.gatehouse.server.testing.GatewayHarness;
import io.lettuce.core.RedisClient;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node with {@code cluster.redis} announces itself in the shared Redis every second, and {@code
 * gatehouse status} shows it beside the other nodes seen, flagging one that runs another policy
 * revision. Node names are this run's own, so nothing collides with other runs on the shared Redis.
 */
class ClusterStatusTest {
  static final String REDIS = "redis://127.0.0.1:6379/0";
  final String run = UUID.randomUUID().toString().substring(0, 8);
  final String nodeId = "status-a-" + run;
  final String otherId = "status-b-" + run;

  @TempDir Path dir;
  FakeHttpUpstream upstream;
  GatewayHarness node;
  RedisClient client;
  StatefulRedisConnection<String, String> connection;
  RedisCommands<String, String> redis;

  @BeforeEach
  void start() throws Exception {
    upstream = new FakeHttpUpstream().start();
    node =
        GatewayHarness.start(
            Files.createDirectories(dir.resolve("data")),
            List.of(GatewayHarness.http("fake", upstream.url())),
            GatewayHarness.allowAll(dir.resolve("rules")),
            config ->
                config.withCluster(
                    new ClusterSettings(
                        nodeId,
                        Optional.of(
                            new ClusterSettings.Redis(URI.create(REDIS), Optional.empty())))));
    await().atMost(Duration.ofSeconds(20)).until(() -> node.door().serves("fake__echo"));
    client = RedisClient.create(REDIS);
    connection = client.connect();
    redis = connection.sync();
  }

  @AfterEach
  void stop() throws Exception {
    node.close();
    upstream.close();
    redis.del(NodeHeartbeat.PREFIX + nodeId, NodeHeartbeat.PREFIX + otherId);
    connection.close();
    client.shutdown();
  }

  @Test
  void theNodeBeatsAndStatusShowsTheClusterFlaggingAnotherRevision() throws Exception {
    String key = NodeHeartbeat.PREFIX + nodeId;
    await().atMost(Duration.ofSeconds(3)).until(() -> redis.get(key) != null);
    assertThat(redis.ttl(key)).isBetween(1L, NodeHeartbeat.TTL.toSeconds());
    String revision = node.gateway().policies().revision();
    assertThat(redis.get(key))
        .contains("\"policyRevision\":\"" + revision + "\"")
        .contains("\"killSwitch\":\"off\"");
    redis.set(
        NodeHeartbeat.PREFIX + otherId,
        """
        {"node":"%s","version":"0.0.9","policyRevision":"0123456789ab",\
        "started":"2026-11-30T03:00:00Z","lastSeen":"2026-11-30T03:00:00Z","killSwitch":"off"}"""
            .formatted(otherId),
        SetArgs.Builder.ex(NodeHeartbeat.TTL));

    Path config = dir.resolve("gatehouse.yaml");
    Files.writeString(
        config,
        """
        server: { port: %d, data_dir: "%s" }
        cluster:
          node_id: %s
          redis: { url: "%s" }
        """
            .formatted(node.port(), dir.resolve("data"), nodeId, REDIS));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.run(
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            "status",
            "--config",
            config.toString());
    String printed = out.toString();
    assertThat(code).as(printed + err).isZero();
    assertThat(printed)
        .contains("gateway: ok")
        .contains("cluster: node " + nodeId + ", redis ok, postgresql not configured");
    assertThat(printed.lines().filter(l -> l.startsWith(nodeId + " (this)")).findFirst())
        .hasValueSatisfying(line -> assertThat(line).contains(revision).doesNotContain(" *"));
    assertThat(printed.lines().filter(l -> l.startsWith(otherId)).findFirst())
        .hasValueSatisfying(line -> assertThat(line).contains("0.0.9").contains("0123456789ab *"));
    assertThat(printed).contains("* policy revision differs from this node's (" + revision + ")");
  }

  @Test
  void withoutARunningGatewayStatusStillProbesTheSharedStores() throws Exception {
    try (dev.gatehouse.server.store.TestStore.Postgres store =
        dev.gatehouse.server.store.TestStore.postgres()) {
      Path config = dir.resolve("down.yaml");
      Files.writeString(
          config,
          """
          server: { port: 1, data_dir: "%s" }
          cluster:
            node_id: %s
            redis: { url: "redis://127.0.0.1:1/0" }
            database: { url: "%s", user: %s }
          """
              .formatted(
                  dir.resolve("down"),
                  nodeId,
                  store.where().url(),
                  dev.gatehouse.server.store.TestStore.USER));
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int code =
          Main.run(
              new PrintWriter(out, true),
              new PrintWriter(err, true),
              "status",
              "--config",
              config.toString());
      assertThat(code).isEqualTo(1);
      assertThat(err.toString()).contains("no gateway answers at http://127.0.0.1:1/healthz");
      assertThat(out.toString())
          .contains("cluster: node " + nodeId + ", redis unreachable, postgresql ok");
    }
  }
}
