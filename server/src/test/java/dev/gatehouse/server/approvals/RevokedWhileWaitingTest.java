package dev.gatehouse.server.approvals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.approvals.ApprovalGrant;
import dev.gatehouse.approvals.ApprovalSettings;
import dev.gatehouse.approvals.ApprovalState;
import dev.gatehouse.approvals.Ruling;
import dev.gatehouse.server.auth.TokenCheck;
import dev.gatehouse.server.testing.FakeHttpUpstream;
import dev.gatehouse.server.testing.GatewayHarness;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A call that waited for approval is not relayed when its agent was revoked in the meantime. */
class RevokedWhileWaitingTest {
  @TempDir Path data;

  @Test
  void anApprovalGivenAfterTheAgentWasRevokedDoesNotRelayTheCall() throws Exception {
    Path policies = Files.createDirectories(data.resolve("policies"));
    Files.writeString(
        policies.resolve("echo.yaml"),
        "rules:\n  - { id: echo-needs-a-human, tools: [\"fake__echo\"], action: approve }\n");
    try (FakeHttpUpstream upstream = new FakeHttpUpstream().start();
        GatewayHarness harness =
            GatewayHarness.start(
                data,
                List.of(GatewayHarness.http("fake", upstream.url())),
                policies,
                ApprovalSettings.DEFAULT.withHold(Duration.ofSeconds(20)))) {
      await().atMost(Duration.ofSeconds(20)).until(() -> harness.door().serves("fake__echo"));
      String token = harness.token("parked-bot");
      try (McpSyncClient client = harness.client(token);
          var agents = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
        CompletableFuture<McpSchema.CallToolResult> parked =
            CompletableFuture.supplyAsync(
                () ->
                    client.callTool(
                        new McpSchema.CallToolRequest("fake__echo", Map.of("text", "hi"))),
                agents);
        var queue = harness.gateway().approvals().queue();
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> !queue.list(Optional.of(ApprovalState.PENDING), 10).isEmpty());
        String id = queue.list(Optional.of(ApprovalState.PENDING), 10).get(0).id();

        harness.gateway().agents().revokeAll("parked-bot", Instant.now());
        await()
            .atMost(Duration.ofSeconds(5))
            .until(() -> harness.gateway().verifier().check(token) instanceof TokenCheck.Invalid);
        queue.decide(id, new Ruling.Approve(ApprovalGrant.once()), "U1");

        McpSchema.CallToolResult result = parked.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(result.isError()).isTrue();
        assertThat(((McpSchema.TextContent) result.content().get(0)).text())
            .contains("no longer valid")
            .doesNotContain("echo: hi");
      }
      assertThat(harness.gateway().audit().tail(10))
          .anyMatch(
              r ->
                  r.agent().equals("parked-bot")
                      && r.tool().equals("fake__echo")
                      && r.kind().equals("unauthenticated"));
    }
  }
}
