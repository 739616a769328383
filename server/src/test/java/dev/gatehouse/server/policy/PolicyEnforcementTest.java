package dev.gatehouse.server.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.server.testing.FakeHttpUpstream;
import dev.gatehouse.server.testing.GatewayHarness;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Policies decide real calls through the gateway, and hide what an agent may never call. */
class PolicyEnforcementTest {
  @TempDir static Path data;
  static FakeHttpUpstream upstream;
  static GatewayHarness harness;
  static McpSyncClient client;

  @BeforeAll
  static void start() throws Exception {
    Path policies = Files.createDirectories(data.resolve("rules"));
    Files.writeString(
        policies.resolve("fake.yaml"),
        """
        default: deny
        rules:
          - { id: fake-basics, tools: ["fake__text", "fake__echo"], action: allow }
          - id: no-password-echo
            tools: ["fake__echo"]
            when:
              - { arg: /text, contains: password }
            action: deny
            reason: Do not echo passwords.
          - { id: structured-needs-approval, tools: ["fake__structured"], action: approve, approvers: [U1] }
          - { id: watch-images, tools: ["fake__image"], action: allow, mode: shadow }
        """);
    upstream = new FakeHttpUpstream().start();
    harness =
        GatewayHarness.start(data, List.of(GatewayHarness.http("fake", upstream.url())), policies);
    await().atMost(Duration.ofSeconds(20)).until(() -> harness.door().serves("fake__text"));
    client = harness.client(harness.token("policed"));
  }

  @AfterAll
  static void stop() throws Exception {
    client.close();
    harness.close();
    upstream.close();
  }

  private static String text(McpSchema.CallToolResult result) {
    return ((McpSchema.TextContent) result.content().get(0)).text();
  }

  @Test
  void onlyToolsThePolicyCouldAllowAreListed() {
    assertThat(client.listTools().tools().stream().map(McpSchema.Tool::name))
        .containsExactlyInAnyOrder("fake__text", "fake__echo", "fake__structured");
  }

  @Test
  void anAllowedCallIsRelayed() {
    assertThat(text(client.callTool(new CallToolRequest("fake__echo", Map.of("text", "hello")))))
        .isEqualTo("echo: hello");
  }

  @Test
  void aDenyRuleRefusesWithItsReasonAndId() {
    int before = upstream.requestHeaders().size();
    McpSchema.CallToolResult refused =
        client.callTool(new CallToolRequest("fake__echo", Map.of("text", "my password is x")));
    assertThat(refused.isError()).isTrue();
    assertThat(text(refused)).contains("Do not echo passwords.").contains("no-password-echo");
    assertThat(refused.meta())
        .containsEntry("dev.gatehouse/rule", "no-password-echo")
        .containsEntry("dev.gatehouse/denied", "policy");
    assertThat(upstream.requestHeaders()).hasSize(before);
    assertThat(harness.gateway().audit().tail(20))
        .anyMatch(r -> r.ruleId().equals("no-password-echo") && r.kind().equals("policy"));
  }

  @Test
  void aHiddenToolCalledAnywayIsRefusedByTheDefault() {
    McpSchema.CallToolResult refused =
        client.callTool(new CallToolRequest("fake__error", Map.of()));
    assertThat(refused.isError()).isTrue();
    assertThat(text(refused)).contains("no policy rule allows tool fake__error for agent policed");
  }

  @Test
  void anApproveRuleHoldsTheCallThenSaysItIsPending() {
    McpSchema.CallToolResult pending =
        client.callTool(new CallToolRequest("fake__structured", Map.of()));
    assertThat(pending.isError()).isTrue();
    assertThat(text(pending))
        .startsWith("Gatehouse: approval ap_")
        .contains("is pending; retry the same call after it is approved")
        .contains("structured-needs-approval");
    assertThat(pending.meta()).containsEntry("dev.gatehouse/denied", "approval");
  }

  @Test
  void theStatusNamesThePolicyRevision() {
    assertThat(harness.door().status().policyRevision())
        .isEqualTo(harness.gateway().policies().revision())
        .hasSize(12);
  }
}
