package dev.gatehouse.server.approvals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.approvals.ApprovalRequest;
import dev.gatehouse.approvals.ApprovalSettings;
import dev.gatehouse.approvals.ApprovalState;
import dev.gatehouse.server.testing.FakeHttpUpstream;
import dev.gatehouse.server.testing.FakeSlackApi;
import dev.gatehouse.server.testing.GatewayHarness;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nobody decides: the request expires, the waiting call is refused, and Slack shows it. */
class ApprovalExpiryTest {
  @TempDir Path data;

  @Test
  void anUndecidedRequestExpiresAndTheCallIsRefused() throws Exception {
    try (FakeHttpUpstream upstream = new FakeHttpUpstream().start();
        FakeSlackApi slack = new FakeSlackApi().start()) {
      Path policies = SlackApprovalTest.policies(data);
      try (GatewayHarness seed = GatewayHarness.start(data, List.of(), policies)) {
        seed.gateway().vault().put("SLACK_BOT_TOKEN", SlackApprovalTest.BOT_TOKEN);
        seed.gateway().vault().put("SLACK_SIGNING_SECRET", SlackApprovalTest.SIGNING_SECRET);
      }
      ApprovalSettings settings =
          new ApprovalSettings(
              Duration.ofSeconds(10),
              Duration.ofSeconds(1),
              SlackApprovalTest.settings(slack, Duration.ofSeconds(10)).slack());
      try (GatewayHarness harness =
          GatewayHarness.start(
              data, List.of(GatewayHarness.http("fake", upstream.url())), policies, settings)) {
        await().atMost(Duration.ofSeconds(20)).until(() -> harness.door().serves("fake__echo"));
        try (McpSyncClient client = harness.client(harness.token("deploy-bot"))) {
          McpSchema.CallToolResult refused =
              client.callTool(new CallToolRequest("fake__echo", Map.of("text", "nobody looks")));

          assertThat(refused.isError()).isTrue();
          String text = ((McpSchema.TextContent) refused.content().get(0)).text();
          Matcher expired =
              Pattern.compile("approval (ap_[a-z0-9]+) expired without a decision").matcher(text);
          assertThat(expired.find()).as(text).isTrue();
          String id = expired.group(1);
          ApprovalRequest request = harness.gateway().approvals().queue().find(id).orElseThrow();
          assertThat(request.state()).isEqualTo(ApprovalState.EXPIRED);
          assertThat(request.decidedBy()).isEqualTo("gatehouse");
          await()
              .atMost(Duration.ofSeconds(10))
              .until(
                  () ->
                      slack.calls("chat.update").stream()
                          .anyMatch(
                              c ->
                                  c.param("blocks").contains("Expired: fake__echo")
                                      && c.param("blocks").contains(id)));
          assertThat(harness.gateway().audit().tail(20))
              .anyMatch(r -> r.outcome().equals("approval_expired") && r.reason().contains(id));
        }
      }
    }
  }
}
