package dev.gatehouse.server.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.server.testing.FakeFeatureUpstream;
import dev.gatehouse.server.testing.GatewayHarness;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A deny rule written against a resource template's text refuses reads through the template. */
class TemplatePolicyTest {
  @TempDir Path data;

  @Test
  void aReadThroughADeniedTemplateIsRefusedThoughAnAllowRuleNamesItsUri() throws Exception {
    Path policies = Files.createDirectories(data.resolve("policies"));
    Files.writeString(
        policies.resolve("templates.yaml"),
        """
        default: deny
        rules:
          - { id: fake-resources, resources: ["fake://*"], action: allow }
          - { id: no-items, resources: ["%s"], action: deny }
        """
            .formatted(FakeFeatureUpstream.TEMPLATE));
    try (FakeFeatureUpstream upstream = new FakeFeatureUpstream().start();
        GatewayHarness harness =
            GatewayHarness.start(
                data, List.of(GatewayHarness.http("feat", upstream.url())), policies)) {
      await().atMost(Duration.ofSeconds(20)).until(() -> harness.door().serves("feat__ask_model"));
      try (McpSyncClient client = harness.client(harness.token("reader"))) {
        assertThat(client.listResourceTemplates().resourceTemplates()).isEmpty();
        assertThat(
                client
                    .readResource(new McpSchema.ReadResourceRequest(FakeFeatureUpstream.TEXT_URI))
                    .contents())
            .isNotEmpty();

        assertThatThrownBy(
                () ->
                    client.readResource(new McpSchema.ReadResourceRequest("fake://items/payroll")))
            .isInstanceOf(McpError.class)
            .hasMessageContaining("rule no-items");
      }
    }
  }
}
