package dev.gatehouse.server.killswitch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.server.audit.AuditRecord;
import dev.gatehouse.server.cli.Main;
import dev.gatehouse.server.testing.GatewayHarness;
import dev.gatehouse.server.testing.PostgresPair;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes on one PostgreSQL database: the kill switch engaged through the CLI (or the admin API)
 * of one node stops calls on the other within a second, and releasing it lets them through again.
 */
class KillSwitchClusterTest {
  static final Duration WITHIN = Duration.ofSeconds(1);

  @TempDir static Path data;
  static PostgresPair cluster;
  static GatewayHarness nodeA;
  static GatewayHarness nodeB;
  static Path configA;
  static McpSyncClient clientB;

  @BeforeAll
  static void start() throws Exception {
    cluster = PostgresPair.start(data);
    nodeA = cluster.a();
    nodeB = cluster.b();
    configA = cluster.cliConfigOfA();
    clientB = nodeB.client(nodeB.token("worker"));
  }

  @AfterAll
  static void stop() throws Exception {
    clientB.close();
    cluster.close();
  }

  @AfterEach
  void release() {
    nodeA.gateway().killSwitch().release("test");
  }

  static McpSchema.CallToolResult echo() {
    return clientB.callTool(new CallToolRequest("fake__echo", Map.of("text", "hi")));
  }

  static String text(McpSchema.CallToolResult result) {
    return ((McpSchema.TextContent) result.content().get(0)).text();
  }

  static int cli(StringWriter out, String... args) {
    return Main.run(new PrintWriter(out, true), new PrintWriter(out, true), args);
  }

  @Test
  void theCliOnNodeAStopsCallsOnNodeBWithinASecondAndReleasesThem() {
    assertThat(echo().isError()).isFalse();
    StringWriter out = new StringWriter();
    assertThat(
            cli(
                out,
                "kill-switch",
                "on",
                "--reason",
                "incident 42: exfiltration suspected",
                "--by",
                "alice",
                "--config",
                configA.toString()))
        .as(out.toString())
        .isZero();
    long engagedAt = System.nanoTime();
    await()
        .atMost(WITHIN)
        .pollInterval(Duration.ofMillis(50))
        .until(() -> Boolean.TRUE.equals(echo().isError()));
    Duration seen = Duration.ofNanos(System.nanoTime() - engagedAt);
    System.out.println(
        "kill switch engaged on A, first refusal on B after " + seen.toMillis() + " ms");
    assertThat(seen).isLessThan(WITHIN);
    McpSchema.CallToolResult refused = echo();
    assertThat(text(refused))
        .contains("the kill switch is on since ")
        .contains("(by alice): incident 42: exfiltration suspected");

    AuditRecord denial =
        nodeB.gateway().audit().tail(20).stream()
            .filter(r -> r.kind().equals("kill_switch"))
            .reduce((first, second) -> second)
            .orElseThrow();
    assertThat(denial.outcome()).isEqualTo("denied");
    assertThat(denial.agent()).isEqualTo("worker");
    assertThat(denial.reason()).contains("(by alice): incident 42");
    assertThat(nodeB.door().status().killSwitch()).isEqualTo("on");
    assertThat(nodeB.door().status().problems().get(0))
        .isEqualTo("the kill switch is on: every request is refused")
        .doesNotContain("incident 42")
        .doesNotContain("alice");

    StringWriter status = new StringWriter();
    assertThat(cli(status, "kill-switch", "status", "--config", configA.toString())).isEqualTo(5);
    assertThat(status.toString()).contains("(by alice): incident 42");

    assertThat(cli(new StringWriter(), "kill-switch", "off", "--config", configA.toString()))
        .isZero();
    await()
        .atMost(WITHIN)
        .pollInterval(Duration.ofMillis(50))
        .until(() -> !Boolean.TRUE.equals(echo().isError()));
    assertThat(nodeB.gateway().audit().tail(50))
        .extracting(AuditRecord::outcome)
        .contains("kill_switch_on", "kill_switch_off");
    assertThat(nodeB.gateway().audit().verify().intact()).isTrue();
  }

  @Test
  void theAdminApiEngagesAndReleasesTheSwitchForAdminsOnly() throws Exception {
    String admin = nodeA.token("ops", "admin");
    String worker = nodeA.token("worker");
    URI uri = URI.create("http://127.0.0.1:" + nodeA.port() + "/admin/kill-switch");
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpRequest.BodyPublisher body =
          HttpRequest.BodyPublishers.ofString("{\"reason\": \"maintenance\"}");
      assertThat(send(http, HttpRequest.newBuilder(uri).POST(body), worker).statusCode())
          .isEqualTo(403);
      assertThat(send(http, HttpRequest.newBuilder(uri).POST(body), null).statusCode())
          .isEqualTo(401);
      assertThat(
              send(
                      http,
                      HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString("{}")),
                      admin)
                  .statusCode())
          .isEqualTo(400);

      HttpResponse<String> engaged = send(http, HttpRequest.newBuilder(uri).POST(body), admin);
      assertThat(engaged.statusCode()).isEqualTo(200);
      JsonNode state = new ObjectMapper().readTree(engaged.body());
      assertThat(state.path("state").asText()).isEqualTo("on");
      assertThat(state.path("by").asText()).isEqualTo("admin:ops");
      await()
          .atMost(WITHIN)
          .pollInterval(Duration.ofMillis(50))
          .until(() -> Boolean.TRUE.equals(echo().isError()));
      assertThat(text(echo())).contains("(by admin:ops): maintenance");

      HttpResponse<String> shown = send(http, HttpRequest.newBuilder(uri).GET(), admin);
      assertThat(new ObjectMapper().readTree(shown.body()).path("reason").asText())
          .isEqualTo("maintenance");

      HttpResponse<String> release = send(http, HttpRequest.newBuilder(uri).DELETE(), admin);
      assertThat(release.statusCode()).isEqualTo(405);
      assertThat(release.body()).contains("gatehouse kill-switch off");
      assertThat(echo().isError()).isTrue();
      assertThat(cli(new StringWriter(), "kill-switch", "off", "--config", configA.toString()))
          .isZero();
      await()
          .atMost(WITHIN)
          .pollInterval(Duration.ofMillis(50))
          .until(() -> !Boolean.TRUE.equals(echo().isError()));
    }
  }

  private static HttpResponse<String> send(
      HttpClient http, HttpRequest.Builder request, String token) throws Exception {
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
