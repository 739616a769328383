package dev.gatehouse.server.approvals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.approvals.ApprovalState;
import dev.gatehouse.server.cli.Main;
import dev.gatehouse.server.testing.FakeHttpUpstream;
import dev.gatehouse.server.testing.FakeSlackApi;
import dev.gatehouse.server.testing.GatewayHarness;
import dev.gatehouse.server.testing.SlackClicks;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When nobody decides within the hold, the agent is told the approval id and to retry; the retry
 * after an approval goes through exactly once. Decisions also come from the CLI (Slack down) and
 * the admin API, and a pending request survives a restart.
 */
class ApprovalRetryTest {
  static final Pattern PENDING =
      Pattern.compile(
          "approval (ap_[a-z0-9]+) is pending; retry the same call after it is approved");

  @TempDir Path data;
  FakeHttpUpstream upstream;
  FakeSlackApi slack;
  GatewayHarness harness;
  McpSyncClient client;
  final ObjectMapper mapper = new ObjectMapper();

  @BeforeEach
  void start() throws Exception {
    upstream = new FakeHttpUpstream().start();
    slack = new FakeSlackApi().start();
    try (GatewayHarness seed =
        GatewayHarness.start(data, List.of(), SlackApprovalTest.policies(data))) {
      seed.gateway().vault().put("SLACK_BOT_TOKEN", SlackApprovalTest.BOT_TOKEN);
      seed.gateway().vault().put("SLACK_SIGNING_SECRET", SlackApprovalTest.SIGNING_SECRET);
    }
    startGateway();
  }

  private void startGateway() throws Exception {
    harness =
        GatewayHarness.start(
            data,
            List.of(GatewayHarness.http("fake", upstream.url())),
            data.resolve("rules"),
            SlackApprovalTest.settings(slack, Duration.ofSeconds(1)));
    await().atMost(Duration.ofSeconds(20)).until(() -> harness.door().serves("fake__echo"));
    client = harness.client(harness.token("deploy-bot"));
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    harness.close();
    slack.close();
    upstream.close();
  }

  private McpSchema.CallToolResult call(String text) {
    return client.callTool(new CallToolRequest("fake__echo", Map.of("text", text)));
  }

  private static String text(McpSchema.CallToolResult result) {
    return ((McpSchema.TextContent) result.content().get(0)).text();
  }

  /** The approval id a "pending" answer names. */
  private static String pendingId(McpSchema.CallToolResult result) {
    assertThat(result.isError()).isTrue();
    Matcher matcher = PENDING.matcher(text(result));
    assertThat(matcher.find()).as(text(result)).isTrue();
    return matcher.group(1);
  }

  private ApprovalState state(String id) {
    return harness.gateway().approvals().queue().find(id).orElseThrow().state();
  }

  private SlackClicks clicks() {
    return new SlackClicks(harness.port(), SlackApprovalTest.SIGNING_SECRET);
  }

  @Test
  void afterTheHoldTheRetryOfAnApprovedCallGoesThroughExactlyOnce() throws Exception {
    String id = pendingId(call("retry me"));
    assertThat(pendingId(call("retry me"))).as("the same call reuses its request").isEqualTo(id);
    slack.posted("retry me");

    assertThat(clicks().send(clicks().click(SlackApprovalTest.APPROVER, "gatehouse_approve", id)))
        .isEqualTo(200);
    await().atMost(Duration.ofSeconds(5)).until(() -> state(id) == ApprovalState.APPROVED);

    assertThat(pendingId(call("retry me, other arguments"))).isNotEqualTo(id);
    McpSchema.CallToolResult retried = call("retry me");
    assertThat(retried.isError()).isNotEqualTo(Boolean.TRUE);
    assertThat(text(retried)).isEqualTo("echo: retry me");

    String again = pendingId(call("retry me"));
    assertThat(again).as("a used grant needs a new approval").isNotEqualTo(id);
  }

  @Test
  void whileSlackIsDownTheRequestStaysPendingAndTheCliCanDecideIt() throws Exception {
    slack.goDown();
    String id = pendingId(call("while slack is down"));
    assertThat(pendingId(call("while slack is down"))).isEqualTo(id);
    assertThat(state(id)).isEqualTo(ApprovalState.PENDING);
    assertThat(slack.calls("chat.postMessage")).isEmpty();

    slack.comeBack();
    slack.posted("while slack is down");

    Path config = data.resolve("cli.yaml");
    Files.writeString(config, "server: { port: 0, data_dir: \"" + data + "\" }\n");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.run(
            new PrintWriter(out),
            new PrintWriter(err),
            "approvals",
            "approve",
            id,
            "--by",
            "alice",
            "--config",
            config.toString());
    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString()).contains("approval " + id + " approved by alice (once)");

    assertThat(text(call("while slack is down"))).isEqualTo("echo: while slack is down");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                slack.calls("chat.update").stream()
                    .anyMatch(c -> c.param("blocks").contains("alice")));
    Main.run(
        new PrintWriter(out),
        new PrintWriter(err),
        "approvals",
        "list",
        "--state",
        "all",
        "--config",
        config.toString());
    assertThat(out.toString()).contains(id).contains("approved");
    assertThat(
            Main.run(
                new PrintWriter(out),
                new PrintWriter(err),
                "approvals",
                "deny",
                id,
                "--reason",
                "too late",
                "--config",
                config.toString()))
        .isEqualTo(3);
    assertThat(err.toString()).contains("is approved (alice); nothing changed");
  }

  @Test
  void aPendingRequestSurvivesARestartAndItsDecisionReachesTheRetry() throws Exception {
    String id = pendingId(call("across a restart"));
    slack.posted("across a restart");
    client.close();
    harness.close();

    startGateway();
    assertThat(state(id)).isEqualTo(ApprovalState.PENDING);
    assertThat(clicks().send(clicks().click(SlackApprovalTest.APPROVER, "gatehouse_approve", id)))
        .isEqualTo(200);

    assertThat(text(call("across a restart"))).isEqualTo("echo: across a restart");
    assertThat(slack.calls("chat.postMessage"))
        .as("the message is not posted twice")
        .filteredOn(c -> c.param("blocks").contains("across a restart"))
        .hasSize(1);
  }

  @Test
  void theAdminApiListsAndDecidesForAdminTokensOnly() throws Exception {
    String id = pendingId(call("admin decides"));
    HttpClient http = HttpClient.newHttpClient();
    String admin = harness.token("ops", "admin");
    String agent = harness.token("deploy-bot");
    URI base = URI.create("http://127.0.0.1:" + harness.port() + "/admin/approvals");

    assertThat(send(http, HttpRequest.newBuilder(base).GET(), "").statusCode()).isEqualTo(401);
    assertThat(send(http, HttpRequest.newBuilder(base).GET(), agent).statusCode()).isEqualTo(403);
    HttpResponse<String> listed =
        send(http, HttpRequest.newBuilder(URI.create(base + "?state=pending")).GET(), admin);
    assertThat(listed.statusCode()).isEqualTo(200);
    JsonNode list = mapper.readTree(listed.body());
    assertThat(list.findValuesAsText("id")).contains(id);
    HttpResponse<String> noReason =
        send(
            http,
            HttpRequest.newBuilder(URI.create(base + "/" + id + "/deny"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")),
            admin);
    assertThat(noReason.statusCode()).isEqualTo(400);

    HttpResponse<String> approved =
        send(
            http,
            HttpRequest.newBuilder(URI.create(base + "/" + id + "/approve"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"for\":\"30m\"}")),
            admin);
    assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
    JsonNode decided = mapper.readTree(approved.body());
    assertThat(decided.path("state").asText()).isEqualTo("approved");
    assertThat(decided.path("decision").path("by").asText()).isEqualTo("admin:ops");

    assertThat(text(call("admin decides"))).isEqualTo("echo: admin decides");
    assertThat(text(call("admin decides")))
        .as("a window grant covers the same call again")
        .isEqualTo("echo: admin decides");
    assertThat(pendingId(call("admin decides something else"))).isNotEqualTo(id);
    HttpResponse<String> twice =
        send(
            http,
            HttpRequest.newBuilder(URI.create(base + "/" + id + "/approve"))
                .POST(HttpRequest.BodyPublishers.ofString("")),
            admin);
    assertThat(twice.statusCode()).isEqualTo(409);
    assertThat(harness.gateway().audit().tail(50))
        .anyMatch(
            r -> r.outcome().equals("approval_approved") && r.reason().contains("by admin:ops"));
  }

  private static HttpResponse<String> send(
      HttpClient http, HttpRequest.Builder request, String token) throws Exception {
    if (!token.isEmpty()) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void whileTheCallWaitsTheAgentGetsProgressOnItsOwnToken() throws Exception {
    List<McpSchema.ProgressNotification> progress =
        new java.util.concurrent.CopyOnWriteArrayList<>();
    try (McpSyncClient listening =
        harness.client(harness.token("deploy-bot"), spec -> spec.progressConsumer(progress::add))) {
      McpSchema.CallToolResult result =
          listening.callTool(
              CallToolRequest.builder()
                  .name("fake__echo")
                  .arguments(Map.of("text", "show progress"))
                  .progressToken("waiting-7")
                  .build());
      String id = pendingId(result);
      await().atMost(Duration.ofSeconds(5)).until(() -> progress.size() >= 3);
      assertThat(progress)
          .allSatisfy(
              p -> {
                assertThat(p.progressToken()).isEqualTo("waiting-7");
                assertThat(p.total()).isEqualTo(1.0);
                assertThat(p.message()).contains("waiting for a human to approve").contains(id);
              });
    }
  }
}
