package dev.gatehouse.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.approvals.ApprovalRequest;
import dev.gatehouse.approvals.ApprovalSettings;
import dev.gatehouse.approvals.ApprovalState;
import dev.gatehouse.server.cli.Main;
import dev.gatehouse.server.config.ClusterSettings;
import dev.gatehouse.server.testing.FakeHttpUpstream;
import dev.gatehouse.server.testing.GatewayHarness;
import dev.gatehouse.server.testing.RedisServer;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Approvals under the Redis failure policy, against a Redis of the test's own that it kills and
 * restarts. Decisions come from {@code gatehouse approvals approve} (which publishes over a
 * connection of its own); the node checks the store only every 30 s, so a call released within a
 * second was woken through pub/sub, also after Redis came back (Lettuce subscribed again).
 */
class ApprovalRedisOutageTest {
  static final Duration SLOW_CHECKS = Duration.ofSeconds(30);

  @TempDir Path data;
  RedisServer redis;
  FakeHttpUpstream upstream;
  GatewayHarness harness;
  McpSyncClient client;
  final ExecutorService agents = Executors.newVirtualThreadPerTaskExecutor();

  @BeforeEach
  void start() throws Exception {
    redis = RedisServer.start(data);
    Path policies = Files.createDirectories(data.resolve("rules"));
    Files.writeString(
        policies.resolve("approvals.yaml"),
        """
        default: deny
        rules:
          - { id: echo-needs-a-human, tools: ["fake__echo"], action: approve, reason: Echo needs a human. }
          - { id: text-free, tools: ["fake__text"], action: allow }
        """);
    upstream = new FakeHttpUpstream().start();
    harness =
        GatewayHarness.start(
            Files.createDirectories(data.resolve("node")),
            List.of(GatewayHarness.http("fake", upstream.url())),
            policies,
            config ->
                config
                    .withCluster(
                        new ClusterSettings(
                            "gw-approvals",
                            Optional.of(
                                new ClusterSettings.Redis(
                                    URI.create(redis.url()), Optional.empty()))))
                    .withApprovals(
                        ApprovalSettings.DEFAULT
                            .withHold(Duration.ofSeconds(20))
                            .withCheckEvery(SLOW_CHECKS)));
    await().atMost(Duration.ofSeconds(20)).until(() -> harness.door().serves("fake__echo"));
    client = harness.client(harness.token("outage-agent"));
  }

  @AfterEach
  void stop() throws Exception {
    agents.shutdownNow();
    client.close();
    harness.close();
    upstream.close();
    redis.close();
  }

  private CompletableFuture<McpSchema.CallToolResult> echo(String text) {
    return CompletableFuture.supplyAsync(
        () -> client.callTool(new CallToolRequest("fake__echo", Map.of("text", text))), agents);
  }

  private static String text(McpSchema.CallToolResult result) {
    return ((McpSchema.TextContent) result.content().get(0)).text();
  }

  private String pending(String marker) {
    return await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                harness
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
  }

  /**
   * Approves with {@code gatehouse approvals approve}, run against a config with the node's store
   * and {@code cluster.redis}: the command publishes the decision over a connection opened for it.
   * Returns how long after the command returned the held call still took to complete.
   */
  private Duration approveFromTheCliAndWait(String marker) throws Exception {
    CompletableFuture<McpSchema.CallToolResult> call = echo(marker);
    String id = pending(marker);
    Path config = data.resolve("cli.yaml");
    Files.writeString(
        config,
        "server: { port: 0, data_dir: \""
            + data.resolve("node")
            + "\" }\ncluster: { node_id: cli, redis: { url: \""
            + redis.url()
            + "\" } }\n");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.run(
            new PrintWriter(out),
            new PrintWriter(err),
            new String[] {
              "approvals", "approve", id, "--by", "cli:ops", "--config", config.toString()
            });
    long returned = System.nanoTime();
    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString()).contains("approval " + id + " approved by cli:ops");
    McpSchema.CallToolResult result = call.get(SLOW_CHECKS.toSeconds(), TimeUnit.SECONDS);
    Duration late = Duration.ofNanos(Math.max(0, System.nanoTime() - returned));
    assertThat(result.isError()).as(text(result)).isNotEqualTo(Boolean.TRUE);
    assertThat(text(result)).isEqualTo("echo: " + marker);
    return late;
  }

  @Test
  void whileRedisIsDownApprovalCallsAreRefusedOthersGoOnAndApprovalsWorkAgainAfter()
      throws Exception {
    Duration before = approveFromTheCliAndWait("before the outage");
    // Without the wake-up the call would wait for the node's next check, 30 s away.
    assertThat(before).isLessThan(Duration.ofSeconds(1));

    redis.kill();

    McpSchema.CallToolResult refused = echo("during the outage").get(5, TimeUnit.SECONDS);
    assertThat(refused.isError()).isTrue();
    assertThat(text(refused))
        .contains("approval required (Echo needs a human.) cannot be waited for")
        .contains("the shared Redis is unavailable; the call is refused until it is back")
        .doesNotContain("127.0.0.1")
        .doesNotContain("Exception");
    assertThat(refused.meta()).containsEntry("dev.gatehouse/denied", "approval");
    assertThat(harness.gateway().approvals().queue().list(Optional.empty(), 50))
        .noneMatch(r -> r.arguments().contains("during the outage"));
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(harness.gateway().audit().tail(20))
                    .anyMatch(
                        r ->
                            r.ruleId().equals("echo-needs-a-human")
                                && r.reason().contains("the shared Redis is unavailable")));

    McpSchema.CallToolResult free = client.callTool(new CallToolRequest("fake__text", Map.of()));
    assertThat(free.isError()).as(text(free)).isNotEqualTo(Boolean.TRUE);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> harness.door().status().status().equals("degraded"));
    assertThat(harness.door().status().problems())
        .anyMatch(p -> p.contains("shared Redis (rate limits and approvals) is unreachable"));

    redis.restart();
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> harness.door().status().status().equals("ok"));

    Duration after = approveFromTheCliAndWait("after the outage");
    assertThat(after).isLessThan(Duration.ofSeconds(1));
    System.out.println(
        "approval call done after the CLI returned: "
            + before.toMillis()
            + " ms before the outage, "
            + after.toMillis()
            + " ms after Redis came back");
  }
}
