package dev.gatehouse.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.approvals.ApprovalGrant;
import dev.gatehouse.approvals.ApprovalRequest;
import dev.gatehouse.approvals.ApprovalSettings;
import dev.gatehouse.approvals.ApprovalState;
import dev.gatehouse.approvals.DecideResult;
import dev.gatehouse.approvals.Ruling;
import dev.gatehouse.approvals.slack.SlackSettings;
import dev.gatehouse.server.config.ClusterSettings;
import dev.gatehouse.server.store.TestStore;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes sharing Redis (127.0.0.1:6379) and one PostgreSQL database, both answering Slack: a
 * call parked on node A is released by a click posted to node B within a second, and a single-use
 * grant is used once across both. Each node checks the database for decisions only every 30 s here,
 * so a wake-up that fast can only have come through Redis pub/sub.
 */
class ClusterApprovalTest {
  static final String SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
  static final String BOT_TOKEN = "xoxb-1234-5678-" + "AbCdEfGhIjKlMnOp";
  static final String APPROVER = "U0APPROVE";
  static final String REDIS = "redis://127.0.0.1:6379/0";
  static final Duration SLOW_CHECKS = Duration.ofSeconds(30);
  static final String RUN = UUID.randomUUID().toString().substring(0, 8);

  @TempDir static Path data;
  static TestStore.Postgres store;
  static FakeHttpUpstream upstream;
  static FakeSlackApi slack;
  static GatewayHarness nodeA;
  static GatewayHarness nodeB;
  static McpSyncClient clientA;
  static McpSyncClient clientB;
  static final ObjectMapper mapper = new ObjectMapper();
  static final ExecutorService agents = Executors.newVirtualThreadPerTaskExecutor();

  @BeforeAll
  static void start() throws Exception {
    store = TestStore.postgres();
    upstream = new FakeHttpUpstream().start();
    slack = new FakeSlackApi().start();
    Path policies = Files.createDirectories(data.resolve("rules"));
    Files.writeString(
        policies.resolve("echo.yaml"),
        """
        default: deny
        rules:
          - { id: echo-needs-a-human, tools: ["fake__echo"], action: approve, reason: Echo needs a human. }
        """);
    // The Slack secrets go into the shared vault once; every node holds the same keyset.
    try (GatewayHarness seed = node("gw-a", policies, GatewayHarness.SHORT_HOLD)) {
      seed.gateway().vault().put("SLACK_BOT_TOKEN", BOT_TOKEN);
      seed.gateway().vault().put("SLACK_SIGNING_SECRET", SIGNING_SECRET);
    }
    GatewayHarness.shareVaultKeyset(data.resolve("gw-a"), data.resolve("gw-b"));
    ApprovalSettings approvals =
        ApprovalSettings.DEFAULT
            .withHold(Duration.ofSeconds(20))
            .withCheckEvery(SLOW_CHECKS)
            .withSlack(
                new SlackSettings(
                    "${secret:SLACK_BOT_TOKEN}",
                    "${secret:SLACK_SIGNING_SECRET}",
                    "C0APPROVALS",
                    List.of(APPROVER),
                    List.of(),
                    URI.create(slack.apiUrl())));
    nodeA = node("gw-a", policies, approvals);
    nodeB = node("gw-b", policies, approvals);
    String agent = "cluster-approvals-" + RUN;
    clientA = nodeA.client(nodeA.token(agent));
    clientB = nodeB.client(nodeB.token(agent));
  }

  private static GatewayHarness node(String name, Path policies, ApprovalSettings approvals)
      throws Exception {
    ClusterSettings cluster =
        new ClusterSettings(
            name,
            Optional.of(new ClusterSettings.Redis(URI.create(REDIS), Optional.empty())),
            Optional.of(
                new ClusterSettings.Database(
                    store.where().url(), TestStore.USER, Optional.empty())));
    GatewayHarness node =
        GatewayHarness.start(
            Files.createDirectories(data.resolve(name)),
            List.of(GatewayHarness.http("fake", upstream.url())),
            policies,
            config -> config.withCluster(cluster).withApprovals(approvals));
    await().atMost(Duration.ofSeconds(20)).until(() -> node.door().serves("fake__echo"));
    return node;
  }

  @AfterAll
  static void stop() throws Exception {
    agents.shutdownNow();
    clientA.close();
    clientB.close();
    nodeA.close();
    nodeB.close();
    slack.close();
    upstream.close();
    store.close();
  }

  static CompletableFuture<McpSchema.CallToolResult> held(McpSyncClient client, String text) {
    return CompletableFuture.supplyAsync(
        () -> client.callTool(new CallToolRequest("fake__echo", Map.of("text", text))), agents);
  }

  /** The id of the request Slack was asked about for the call whose arguments contain marker. */
  static String announced(String marker) throws Exception {
    return FakeSlackApi.approvalId(slack.posted(marker));
  }

  static String text(McpSchema.CallToolResult result) {
    return ((McpSchema.TextContent) result.content().get(0)).text();
  }

  @Test
  void aClickOnNodeBReleasesTheCallParkedOnNodeAWithinASecondAndTheGrantIsUsedOnce()
      throws Exception {
    String marker = "ship " + RUN;
    CompletableFuture<McpSchema.CallToolResult> call = held(clientA, marker);
    String id = announced(marker);
    assertThat(call).isNotDone();

    SlackClicks clicks = new SlackClicks(nodeB.port(), SIGNING_SECRET);
    // A click on no approval first: the first request of a fresh HTTP client is slow.
    assertThat(clicks.send(clicks.click(APPROVER, "gatehouse_approve", "ap_warmup")))
        .isEqualTo(200);
    long clicked = System.nanoTime();
    int status = clicks.send(clicks.click(APPROVER, "gatehouse_approve", id));
    long answered = System.nanoTime();
    assertThat(status).isEqualTo(200);
    McpSchema.CallToolResult result = call.get(SLOW_CHECKS.toSeconds(), TimeUnit.SECONDS);
    Duration elapsed = Duration.ofNanos(System.nanoTime() - clicked);

    assertThat(result.isError()).as(text(result)).isNotEqualTo(Boolean.TRUE);
    assertThat(text(result)).isEqualTo("echo: " + marker);
    assertThat(elapsed).isLessThan(Duration.ofSeconds(1));
    System.out.println(
        "cluster approval: click on B to result on A in "
            + elapsed.toMillis()
            + " ms (B answered Slack after "
            + Duration.ofNanos(answered - clicked).toMillis()
            + " ms)");

    // The grant was for one call: spent on A, it is spent for B as well.
    ApprovalRequest approved = nodeB.gateway().approvals().queue().find(id).orElseThrow();
    assertThat(approved.state()).isEqualTo(ApprovalState.APPROVED);
    assertThat(approved.decision().orElseThrow().usesLeft()).isZero();
    assertThat(nodeA.gateway().approvals().queue().useGrant(id, "again-on-a")).isFalse();
    assertThat(nodeB.gateway().approvals().queue().useGrant(id, "again-on-b")).isFalse();

    // The same call again, on B: no grant lets it through; it waits for a new request, and a
    // denial taken on A (the admin API's path) wakes it on B just as fast.
    CompletableFuture<McpSchema.CallToolResult> again = held(clientB, marker);
    String second =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () ->
                    nodeA
                        .gateway()
                        .approvals()
                        .queue()
                        .list(Optional.of(ApprovalState.PENDING), 50)
                        .stream()
                        .filter(r -> r.arguments().contains(marker))
                        .map(ApprovalRequest::id)
                        .findFirst(),
                Optional::isPresent)
            .orElseThrow();
    assertThat(second).isNotEqualTo(id);
    assertThat(again).isNotDone();
    long denied = System.nanoTime();
    assertThat(
            nodeA
                .gateway()
                .approvals()
                .queue()
                .decide(second, new Ruling.Deny("once was enough"), "admin:ops"))
        .isInstanceOf(DecideResult.Decided.class);
    McpSchema.CallToolResult refused = again.get(SLOW_CHECKS.toSeconds(), TimeUnit.SECONDS);
    assertThat(Duration.ofNanos(System.nanoTime() - denied)).isLessThan(Duration.ofSeconds(1));
    assertThat(refused.isError()).isTrue();
    assertThat(text(refused)).contains("denied by admin:ops").contains("once was enough");
  }

  @Test
  void anApprovalForAWindowDecidedOnANodeCoversTheCallOnBoth() throws Exception {
    String marker = "window " + RUN;
    CompletableFuture<McpSchema.CallToolResult> call = held(clientB, marker);
    String id = announced(marker);
    long decided = System.nanoTime();
    assertThat(
            nodeA
                .gateway()
                .approvals()
                .queue()
                .decide(
                    id,
                    new Ruling.Approve(ApprovalGrant.forWindow(Duration.ofMinutes(5))),
                    "U0APPROVE"))
        .isInstanceOf(DecideResult.Decided.class);
    assertThat(call.get(SLOW_CHECKS.toSeconds(), TimeUnit.SECONDS).isError())
        .isNotEqualTo(Boolean.TRUE);
    assertThat(Duration.ofNanos(System.nanoTime() - decided)).isLessThan(Duration.ofSeconds(1));
    assertThat(held(clientA, marker).get(5, TimeUnit.SECONDS).isError()).isNotEqualTo(Boolean.TRUE);
  }
}
