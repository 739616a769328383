package dev.gatehouse.server.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.connectors.UpstreamState;
import dev.gatehouse.server.testing.FakeHttpUpstream;
import dev.gatehouse.server.testing.GatewayHarness;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An HTTP upstream that goes away does not take the gateway down, and comes back by itself. */
class HttpUpstreamRestartTest {
  @TempDir Path data;

  @Test
  void aLostUpstreamIsMarkedDownThenReconnectedWhenItReturns() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    FakeHttpUpstream first = new FakeHttpUpstream(port).start();
    try (GatewayHarness harness =
        GatewayHarness.start(data, List.of(GatewayHarness.http("flaky", first.url())))) {
      await().atMost(Duration.ofSeconds(20)).until(() -> harness.door().serves("flaky__text"));
      McpSyncClient client = harness.client(harness.token("patient"));

      first.close();
      // The call either reaches the pipeline before the loss is noticed (a tool error naming the
      // upstream) or finds the tool already withdrawn (an unknown-tool protocol error).
      try {
        McpSchema.CallToolResult failed =
            client.callTool(new CallToolRequest("flaky__text", Map.of()));
        assertThat(failed.isError()).isTrue();
        assertThat(((McpSchema.TextContent) failed.content().get(0)).text())
            .contains("flaky")
            .doesNotContain("127.0.0.1");
      } catch (io.modelcontextprotocol.spec.McpError withdrawn) {
        assertThat(withdrawn.getMessage()).contains("Unknown tool");
      }
      // Reconnect attempts (STARTING) follow each DOWN, so wait for a /healthz that shows DOWN
      // rather than reading it once right after the state flipped.
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> harness.gateway().upstreams().get(0).status().state() == UpstreamState.DOWN);
      assertThat(harness.door().status().status()).isEqualTo("degraded");
      java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
      com.fasterxml.jackson.databind.JsonNode upstreamHealth =
          await()
              .atMost(Duration.ofSeconds(10))
              .until(
                  () ->
                      new com.fasterxml.jackson.databind.ObjectMapper()
                          .readTree(
                              http.send(
                                      java.net.http.HttpRequest.newBuilder(
                                              harness.mcpUri().resolve("/healthz"))
                                          .build(),
                                      java.net.http.HttpResponse.BodyHandlers.ofString())
                                  .body())
                          .path("upstreams")
                          .get(0),
                  node -> node.path("state").asText().equals("DOWN"));
      assertThat(upstreamHealth.path("nextAttempt").asText()).isNotBlank();
      assertThat(client.listTools().tools()).isEmpty();

      try (FakeHttpUpstream second = new FakeHttpUpstream(port).start()) {
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> harness.gateway().upstreams().get(0).status().state() == UpstreamState.READY);
        assertThat(client.callTool(new CallToolRequest("flaky__text", Map.of())).content())
            .containsExactly(new McpSchema.TextContent("hello from fake"));
        assertThat(harness.door().status().status()).isEqualTo("ok");
      }
      client.close();
    }
  }
}
