package dev.gatehouse.server.approvals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.approvals.ApprovalSettings;
import dev.gatehouse.approvals.ApprovalState;
import dev.gatehouse.approvals.slack.SlackSettings;
import dev.gatehouse.server.audit.AuditRecord;
import dev.gatehouse.server.testing.FakeHttpUpstream;
import dev.gatehouse.server.testing.FakeSlackApi;
import dev.gatehouse.server.testing.GatewayHarness;
import dev.gatehouse.server.testing.SlackClicks;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A call a rule sends to a human waits in the gateway while Slack asks the approvers; their click
 * (signed by Slack, checked by the gateway) decides it. Real gateway, real MCP client, real Slack
 * client talking to a local fake Slack Web API.
 */
class SlackApprovalTest {
  static final String SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
  static final String BOT_TOKEN = "xoxb-1234-5678-" + "AbCdEfGhIjKlMnOp";
  static final String DEPLOY_KEY = "dk-" + "Zz9Yy8Xx7Ww6Vv5Uu4";
  static final String APPROVER = "U0APPROVE";
  static final String ONCALL = "U0ONCALL";
  static final String MALLORY = "U0MALLORY";
  static final String RELEASE_MANAGER = "U0RELEASE";
  static final String DESIGNER = "U0DESIGNER";

  @TempDir static Path data;
  static FakeHttpUpstream upstream;
  static FakeSlackApi slack;
  static GatewayHarness harness;
  static McpSyncClient client;
  static SlackClicks clicks;
  static final ObjectMapper mapper = new ObjectMapper();
  static final ExecutorService agents = Executors.newVirtualThreadPerTaskExecutor();

  @BeforeAll
  static void start() throws Exception {
    upstream = new FakeHttpUpstream().start();
    slack = new FakeSlackApi().start();
    slack.group("S0ONCALL", List.of(ONCALL));
    slack.group("S0DESIGN", "designers", List.of(DESIGNER));
    Path policies = policies(data);
    try (GatewayHarness seed = GatewayHarness.start(data, List.of(), policies)) {
      seed.gateway().vault().put("SLACK_BOT_TOKEN", BOT_TOKEN);
      seed.gateway().vault().put("SLACK_SIGNING_SECRET", SIGNING_SECRET);
      seed.gateway().vault().put("DEPLOY_KEY", DEPLOY_KEY);
    }
    harness =
        GatewayHarness.start(
            data,
            List.of(GatewayHarness.http("fake", upstream.url())),
            policies,
            settings(slack, Duration.ofSeconds(20)));
    await().atMost(Duration.ofSeconds(20)).until(() -> harness.door().serves("fake__echo"));
    client = harness.client(harness.token("deploy-bot"));
    clicks = new SlackClicks(harness.port(), SIGNING_SECRET);
  }

  static Path policies(Path data) throws Exception {
    Path policies = Files.createDirectories(data.resolve("rules"));
    Files.writeString(
        policies.resolve("echo.yaml"),
        """
        default: deny
        rules:
          - id: echo-needs-a-human
            tools: ["fake__echo"]
            action: approve
            reason: Echo needs a human.
          - id: text-needs-the-release-manager
            tools: ["fake__text"]
            action: approve
            approvers: [U0RELEASE]
            reason: Only the release manager decides this one.
          - id: images-need-the-designers
            tools: ["fake__image"]
            action: approve
            approvers: ["@designers"]
            reason: Designers decide images.
        """);
    return policies;
  }

  static ApprovalSettings settings(FakeSlackApi slack, Duration hold) {
    return ApprovalSettings.DEFAULT
        .withHold(hold)
        .withSlack(
            new SlackSettings(
                "${secret:SLACK_BOT_TOKEN}",
                "${secret:SLACK_SIGNING_SECRET}",
                "C0APPROVALS",
                List.of(APPROVER),
                List.of("S0ONCALL"),
                URI.create(slack.apiUrl())));
  }

  @AfterAll
  static void stop() throws Exception {
    agents.shutdownNow();
    client.close();
    harness.close();
    slack.close();
    upstream.close();
  }

  static CompletableFuture<McpSchema.CallToolResult> held(String text) {
    return CompletableFuture.supplyAsync(
        () -> client.callTool(new CallToolRequest("fake__echo", Map.of("text", text))), agents);
  }

  static String text(McpSchema.CallToolResult result) {
    return ((McpSchema.TextContent) result.content().get(0)).text();
  }

  static ApprovalState state(String id) {
    return harness.gateway().approvals().queue().find(id).orElseThrow().state();
  }

  @Test
  void theMessageShowsTheRedactedCallAndAClickOnApproveLetsTheHeldCallThrough() throws Exception {
    CompletableFuture<McpSchema.CallToolResult> call = held("ship v1 with key " + DEPLOY_KEY);
    FakeSlackApi.Call message = slack.posted("ship v1");
    String id = FakeSlackApi.approvalId(message);
    String blocks = message.param("blocks");

    assertThat(message.param("channel")).isEqualTo("C0APPROVALS");
    assertThat(message.authorization()).isEqualTo("Bearer " + BOT_TOKEN);
    assertThat(message.param("text")).contains("deploy-bot").contains("fake__echo").contains(id);
    assertThat(blocks)
        .contains("Approval needed: fake__echo")
        .contains("*Agent*\\ndeploy-bot")
        .contains("*Upstream*\\nfake")
        .contains("echo-needs-a-human")
        .contains("Echo needs a human.")
        .contains("[REDACTED:DEPLOY_KEY]")
        .doesNotContain(DEPLOY_KEY)
        .contains("gatehouse_approve", "gatehouse_approve_1h", "gatehouse_deny")
        .contains("Approve for 1h")
        .contains("*Expires*");
    assertThat(call).isNotDone();
    assertThat(state(id)).isEqualTo(ApprovalState.PENDING);

    assertThat(clicks.send(clicks.click(APPROVER, "gatehouse_approve", id))).isEqualTo(200);

    McpSchema.CallToolResult result = call.get(15, TimeUnit.SECONDS);
    assertThat(result.isError()).isNotEqualTo(Boolean.TRUE);
    assertThat(text(result)).startsWith("echo: ship v1 with key");
    String ts =
        harness.gateway().approvals().queue().find(id).orElseThrow().slack().orElseThrow().ts();
    FakeSlackApi.Call update =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () ->
                    slack.calls("chat.update").stream()
                        .filter(c -> c.param("ts").equals(ts))
                        .findFirst(),
                java.util.Optional::isPresent)
            .orElseThrow();
    assertThat(mapper.readTree(update.param("blocks")).toString())
        .contains("Approved: fake__echo")
        .contains("<@" + APPROVER + ">")
        .doesNotContain("gatehouse_approve");
    List<AuditRecord> audit = harness.gateway().audit().tail(50);
    assertThat(audit)
        .anyMatch(r -> r.outcome().equals("approval_requested") && r.reason().contains(id))
        .anyMatch(
            r ->
                r.outcome().equals("approval_approved")
                    && r.reason().contains(id)
                    && r.reason().contains("by " + APPROVER))
        .anyMatch(r -> r.outcome().equals("approval_used") && r.reason().contains(id));
  }

  @Test
  void denyAsksForAReasonAndTheAgentReadsIt() throws Exception {
    CompletableFuture<McpSchema.CallToolResult> call = held("drop the prod table");
    String id = FakeSlackApi.approvalId(slack.posted("drop the prod table"));

    assertThat(clicks.send(clicks.click(APPROVER, "gatehouse_deny", id))).isEqualTo(200);
    FakeSlackApi.Call dialog =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () ->
                    slack.calls("views.open").stream()
                        .filter(c -> c.param("view").contains(id))
                        .findFirst(),
                java.util.Optional::isPresent)
            .orElseThrow();
    assertThat(dialog.param("trigger_id")).isEqualTo("trigger-" + APPROVER);
    assertThat(call).isNotDone();
    String metadata = mapper.readTree(dialog.param("view")).path("private_metadata").asText();

    assertThat(
            clicks.send(clicks.denySubmission(APPROVER, metadata, "not during the release freeze")))
        .isEqualTo(200);

    McpSchema.CallToolResult result = call.get(15, TimeUnit.SECONDS);
    assertThat(result.isError()).isTrue();
    assertThat(text(result))
        .contains("denied by " + APPROVER + ": not during the release freeze")
        .contains("echo-needs-a-human");
    assertThat(state(id)).isEqualTo(ApprovalState.DENIED);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                slack.calls("chat.update").stream()
                    .anyMatch(
                        c ->
                            c.param("blocks").contains("Denied: fake__echo")
                                && c.param("blocks").contains("not during the release freeze")));
  }

  @Test
  void forgedStaleAndUnsignedRequestsAreRefusedWith401AndChangeNothing() throws Exception {
    CompletableFuture<McpSchema.CallToolResult> call = held("forgery target");
    String id = FakeSlackApi.approvalId(slack.posted("forgery target"));
    JsonNode approve = clicks.click(APPROVER, "gatehouse_approve", id);

    SlackClicks.Signed good = clicks.sign(approve, Instant.now());
    String forged = SlackClicks.signature(good.timestamp(), good.body(), "not-the-signing-secret");
    assertThat(clicks.send(new SlackClicks.Signed(good.body(), good.timestamp(), forged)))
        .isEqualTo(401);
    SlackClicks.Signed tampered =
        new SlackClicks.Signed(
            good.body().replace(APPROVER, MALLORY), good.timestamp(), good.signature());
    assertThat(clicks.send(tampered)).isEqualTo(401);
    assertThat(clicks.send(clicks.sign(approve, Instant.now().minus(Duration.ofMinutes(6)))))
        .isEqualTo(401);
    assertThat(clicks.send(clicks.sign(approve, Instant.now().plus(Duration.ofMinutes(6)))))
        .isEqualTo(401);
    assertThat(clicks.send(new SlackClicks.Signed(good.body(), "", ""))).isEqualTo(401);
    assertThat(state(id)).isEqualTo(ApprovalState.PENDING);
    assertThat(call).isNotDone();

    assertThat(clicks.send(good)).isEqualTo(200);
    assertThat(text(call.get(15, TimeUnit.SECONDS))).isEqualTo("echo: forgery target");
  }

  @Test
  void aReplayedClickHasNoSecondEffect() throws Exception {
    CompletableFuture<McpSchema.CallToolResult> call = held("replay target");
    String id = FakeSlackApi.approvalId(slack.posted("replay target"));
    SlackClicks.Signed click =
        clicks.sign(clicks.click(APPROVER, "gatehouse_approve_1h", id), Instant.now());

    assertThat(clicks.send(click)).isEqualTo(200);
    assertThat(text(call.get(15, TimeUnit.SECONDS))).isEqualTo("echo: replay target");
    int ephemerals = slack.calls("chat.postEphemeral").size();

    assertThat(clicks.send(click)).isEqualTo(401);
    assertThat(slack.calls("chat.postEphemeral")).hasSize(ephemerals);
    assertThat(
            harness.gateway().audit().tail(100).stream()
                .filter(r -> r.reason().startsWith("approval " + id + " approved")))
        .hasSize(1);
  }

  @Test
  void aClickBySomeoneWhoIsNotAnApproverChangesNothingButAGroupMemberMayDecide() throws Exception {
    CompletableFuture<McpSchema.CallToolResult> call = held("mallory wants this");
    String id = FakeSlackApi.approvalId(slack.posted("mallory wants this"));

    assertThat(clicks.send(clicks.click(MALLORY, "gatehouse_approve", id))).isEqualTo(200);
    FakeSlackApi.Call refusal =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () ->
                    slack.calls("chat.postEphemeral").stream()
                        .filter(c -> c.param("user").equals(MALLORY))
                        .findFirst(),
                java.util.Optional::isPresent)
            .orElseThrow();
    assertThat(refusal.param("text")).contains("not allowed");
    assertThat(refusal.param("channel")).isEqualTo("C0APPROVALS");
    assertThat(state(id)).isEqualTo(ApprovalState.PENDING);
    assertThat(call).isNotDone();

    assertThat(clicks.send(clicks.click(ONCALL, "gatehouse_approve", id))).isEqualTo(200);
    assertThat(text(call.get(15, TimeUnit.SECONDS))).isEqualTo("echo: mallory wants this");
    assertThat(harness.gateway().approvals().queue().find(id).orElseThrow().decidedBy())
        .isEqualTo(ONCALL);
    assertThat(slack.calls("usergroups.users.list"))
        .anyMatch(c -> c.param("usergroup").equals("S0ONCALL"));
  }

  @Test
  void aRuleThatNamesItsApproversLetsOnlyThemDecide() throws Exception {
    CompletableFuture<McpSchema.CallToolResult> call =
        CompletableFuture.supplyAsync(
            () -> client.callTool(new CallToolRequest("fake__text", Map.of())), agents);
    FakeSlackApi.Call message = slack.posted("text-needs-the-release-manager");
    String id = FakeSlackApi.approvalId(message);
    assertThat(mapper.readTree(message.param("blocks")).toString())
        .contains("*Who may decide*\\n<@" + RELEASE_MANAGER + ">");

    assertThat(clicks.send(clicks.click(APPROVER, "gatehouse_approve", id))).isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                slack.calls("chat.postEphemeral").stream()
                    .anyMatch(
                        c ->
                            c.param("user").equals(APPROVER)
                                && c.param("text").contains("not allowed")));
    assertThat(state(id)).isEqualTo(ApprovalState.PENDING);

    assertThat(clicks.send(clicks.click(RELEASE_MANAGER, "gatehouse_approve", id))).isEqualTo(200);
    assertThat(text(call.get(15, TimeUnit.SECONDS))).isEqualTo("hello from fake");
  }

  @Test
  void aRuleMayNameAGroupByItsHandle() throws Exception {
    CompletableFuture<McpSchema.CallToolResult> call =
        CompletableFuture.supplyAsync(
            () -> client.callTool(new CallToolRequest("fake__image", Map.of())), agents);
    String id = FakeSlackApi.approvalId(slack.posted("images-need-the-designers"));

    assertThat(clicks.send(clicks.click(ONCALL, "gatehouse_approve", id))).isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                slack.calls("chat.postEphemeral").stream()
                    .anyMatch(c -> c.param("user").equals(ONCALL)));
    assertThat(state(id)).isEqualTo(ApprovalState.PENDING);

    assertThat(clicks.send(clicks.click(DESIGNER, "gatehouse_approve", id))).isEqualTo(200);
    assertThat(call.get(15, TimeUnit.SECONDS).content().get(0))
        .isInstanceOf(McpSchema.ImageContent.class);
    assertThat(slack.calls("usergroups.list")).isNotEmpty();
  }
}
