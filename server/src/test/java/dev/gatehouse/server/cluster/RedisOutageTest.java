package dev.gatehouse.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.server.config.ClusterSettings;
import dev.gatehouse.server.testing.FakeHttpUpstream;
import dev.gatehouse.server.testing.GatewayHarness;
import dev.gatehouse.server.testing.RedisServer;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The failure policy, against a Redis of the test's own that it kills and restarts: rate-limited
 * calls are refused with the reason, others go on, {@code /healthz} says degraded, and the node
 * recovers by itself.
 */
class RedisOutageTest {
  @TempDir Path data;
  RedisServer redis;
  FakeHttpUpstream upstream;
  GatewayHarness harness;
  McpSyncClient client;

  @BeforeEach
  void start() throws Exception {
    redis = RedisServer.start(data);
    Path policies = Files.createDirectories(data.resolve("rules"));
    Files.writeString(
        policies.resolve("limits.yaml"),
        """
        default: deny
        rules:
          - { id: echo-limited, tools: ["fake__echo"], action: allow, rate: 1000/minute }
          - { id: text-free, tools: ["fake__text"], action: allow }
        """);
    upstream = new FakeHttpUpstream().start();
    harness =
        GatewayHarness.start(
            Files.createDirectories(data.resolve("node")),
            List.of(GatewayHarness.http("fake", upstream.url())),
            policies,
            config ->
                config.withCluster(
                    new ClusterSettings(
                        "gw-outage",
                        Optional.of(
                            new ClusterSettings.Redis(
                                URI.create(redis.url()), Optional.empty())))));
    await().atMost(Duration.ofSeconds(20)).until(() -> harness.door().serves("fake__echo"));
    client = harness.client(harness.token("outage-agent"));
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    harness.close();
    upstream.close();
    redis.close();
  }

  private McpSchema.CallToolResult call(String tool) {
    return client.callTool(
        new CallToolRequest(tool, tool.equals("fake__echo") ? Map.of("text", "hi") : Map.of()));
  }

  private static String text(McpSchema.CallToolResult result) {
    return ((McpSchema.TextContent) result.content().get(0)).text();
  }

  private JsonNode healthz() throws Exception {
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + harness.port() + "/healthz"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      return new ObjectMapper().readTree(response.body());
    }
  }

  @Test
  void redisDownRefusesRateLimitedCallsOnlyAndTheNodeRecoversWhenItReturns() throws Exception {
    assertThat(call("fake__echo").isError()).isFalse();
    assertThat(healthz().get("status").asText()).isEqualTo("ok");

    redis.kill();

    McpSchema.CallToolResult refused = call("fake__echo");
    assertThat(refused.isError()).isTrue();
    assertThat(text(refused))
        .contains("the shared rate limit store is unavailable")
        .contains("echo-limited")
        .doesNotContain("127.0.0.1")
        .doesNotContain("Exception");
    assertThat(refused.meta()).containsEntry("dev.gatehouse/denied", "rate_limited");

    McpSchema.CallToolResult free = call("fake__text");
    assertThat(free.isError()).as(text(free)).isFalse();

    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> healthz().get("status").asText().equals("degraded"));
    assertThat(healthz().get("problems").toString()).contains("shared Redis");

    redis.restart();

    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () -> !call("fake__echo").isError() && harness.door().status().status().equals("ok"));
    assertThat(healthz().get("status").asText()).isEqualTo("ok");
    assertThat(healthz().get("problems")).isEmpty();
  }

  @Test
  void aNodeStartedWhileRedisIsDownRefusesThenConnectsByItself() throws Exception {
    client.close();
    harness.close();
    redis.kill();
    harness =
        GatewayHarness.start(
            data.resolve("node"),
            List.of(GatewayHarness.http("fake", upstream.url())),
            data.resolve("rules"),
            config ->
                config.withCluster(
                    new ClusterSettings(
                        "gw-late",
                        Optional.of(
                            new ClusterSettings.Redis(
                                URI.create(redis.url()), Optional.empty())))));
    await().atMost(Duration.ofSeconds(20)).until(() -> harness.door().serves("fake__echo"));
    client = harness.client(harness.token("outage-agent"));

    assertThat(text(call("fake__echo"))).contains("the shared rate limit store is unavailable");
    assertThat(harness.door().status().status()).isEqualTo("degraded");

    redis.restart();
    await().atMost(Duration.ofSeconds(15)).until(() -> !call("fake__echo").isError());
    assertThat(harness.door().status().status()).isEqualTo("ok");
  }
}
