package dev.gatehouse.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.server.testing.FakeHttpUpstream;
import dev.gatehouse.server.testing.GatewayHarness;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /readyz and /metrics, as a Kubernetes probe and a Prometheus scraper see them. */
class OperationsEndpointsTest {
  @TempDir Path data;

  private static HttpResponse<String> get(GatewayHarness harness, String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(harness.mcpUri().resolve(path)).build(),
            HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void readinessAndMetricsReflectTheGateway() throws Exception {
    try (FakeHttpUpstream upstream = new FakeHttpUpstream().start();
        GatewayHarness harness =
            GatewayHarness.start(data, List.of(GatewayHarness.http("fake", upstream.url())))) {
      await().atMost(Duration.ofSeconds(20)).until(() -> harness.door().serves("fake__text"));
      McpSyncClient client = harness.client(harness.token("scraped"));
      client.callTool(new CallToolRequest("fake__text", Map.of()));
      client.callTool(new CallToolRequest("fake__slow", Map.of("ms", "x")));
      client.close();

      HttpResponse<String> ready = get(harness, "/readyz");
      assertThat(ready.statusCode()).isEqualTo(200);
      assertThat(ready.body()).isEqualTo("ready\n");

      String metrics = get(harness, "/metrics").body();
      assertThat(metrics)
          .contains(
              "gatehouse_calls_total{kind=\"ok\",outcome=\"completed\",tool=\"fake__text\",upstream=\"fake\"} 1.0")
          .contains(
              "gatehouse_calls_total{kind=\"invalid_arguments\",outcome=\"denied\",tool=\"fake__slow\",upstream=\"fake\"} 1.0")
          .contains("gatehouse_upstream_up{upstream=\"fake\"} 1.0")
          .contains("gatehouse_call_duration_seconds_bucket")
          .contains("gatehouse_policy_reload_failures 0.0")
          .contains("gatehouse_approvals_pending 0.0")
          .contains("gatehouse_stage_duration_seconds_bucket{stage=\"relay\"")
          .contains("gatehouse_stage_duration_seconds_bucket{stage=\"policy\"")
          .doesNotContain("scraped");

      harness.gateway().database().close();
      assertThat(get(harness, "/readyz").statusCode()).isEqualTo(503);
    }
  }
}
