package dev.gatehouse.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.server.config.ClusterSettings;
import dev.gatehouse.server.testing.FakeHttpUpstream;
import dev.gatehouse.server.testing.GatewayHarness;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two gateways with their own stores share one Redis: a {@code rate: 10/minute} limit is ten calls
 * across both. The agent's name is this run's own, so its buckets collide with nobody's.
 */
class ClusterRateLimitTest {
  static final String AGENT = "cluster-" + UUID.randomUUID().toString().substring(0, 8);
  static final String REDIS = "redis://127.0.0.1:6379/0";

  @TempDir static Path data;
  static FakeHttpUpstream upstream;
  static GatewayHarness nodeA;
  static GatewayHarness nodeB;
  static McpSyncClient clientA;
  static McpSyncClient clientB;

  @BeforeAll
  static void start() throws Exception {
    Path policies = Files.createDirectories(data.resolve("rules"));
    Files.writeString(
        policies.resolve("shared.yaml"),
        """
        default: deny
        rules:
          - { id: shared-ten, tools: ["fake__echo"], action: allow, rate: 10/minute }
        """);
    upstream = new FakeHttpUpstream().start();
    nodeA = node("gw-a", policies);
    nodeB = node("gw-b", policies);
    clientA = nodeA.client(nodeA.token(AGENT));
    clientB = nodeB.client(nodeB.token(AGENT));
  }

  private static GatewayHarness node(String name, Path policies) throws Exception {
    GatewayHarness node =
        GatewayHarness.start(
            Files.createDirectories(data.resolve(name)),
            List.of(GatewayHarness.http("fake", upstream.url())),
            policies,
            config ->
                config.withCluster(
                    new ClusterSettings(
                        name,
                        Optional.of(
                            new ClusterSettings.Redis(URI.create(REDIS), Optional.empty())))));
    await().atMost(Duration.ofSeconds(20)).until(() -> node.door().serves("fake__echo"));
    return node;
  }

  @AfterAll
  static void stop() throws Exception {
    clientA.close();
    clientB.close();
    nodeA.close();
    nodeB.close();
    upstream.close();
    RedisClient client = RedisClient.create(REDIS);
    try (StatefulRedisConnection<String, String> c = client.connect()) {
      c.sync().keys(RedisRateLimiter.PREFIX + "*" + AGENT + "*").forEach(k -> c.sync().del(k));
    } finally {
      client.shutdown();
    }
  }

  private static McpSchema.CallToolResult echo(McpSyncClient client, int i) {
    return client.callTool(new CallToolRequest("fake__echo", Map.of("text", "call " + i)));
  }

  private static String text(McpSchema.CallToolResult result) {
    return ((McpSchema.TextContent) result.content().get(0)).text();
  }

  @Test
  void tenCallsSpreadOverBothNodesPassAndTheEleventhOnEitherIsDenied() {
    assertThat(nodeA.door().status().status()).isEqualTo("ok");
    assertThat(nodeB.door().status().status()).isEqualTo("ok");
    for (int i = 0; i < 10; i++) {
      McpSchema.CallToolResult result = echo(i % 2 == 0 ? clientA : clientB, i);
      assertThat(result.isError()).as("call %d: %s", i, text(result)).isFalse();
      assertThat(text(result)).isEqualTo("echo: call " + i);
    }
    for (McpSyncClient client : List.of(clientA, clientB)) {
      McpSchema.CallToolResult refused = echo(client, 11);
      assertThat(refused.isError()).isTrue();
      assertThat(text(refused))
          .contains("rate limit 10/minute per agent reached; retry after")
          .contains("shared-ten")
          .containsPattern("retry after [1-6]?[0-9] s");
    }
    assertThat(nodeA.gateway().audit().tail(5))
        .anyMatch(r -> r.ruleId().equals("shared-ten") && r.kind().equals("rate_limited"));
  }
}
