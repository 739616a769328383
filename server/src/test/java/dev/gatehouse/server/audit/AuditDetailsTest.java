package dev.gatehouse.server.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.server.testing.FakeHttpUpstream;
import dev.gatehouse.server.testing.GatewayHarness;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A call's audit record carries its details: masked arguments, the rules that matched, the policy
 * revision, the time of each stage and the bytes in and out; and the chain still verifies.
 */
class AuditDetailsTest {
  @TempDir Path data;

  @Test
  void aCallsRecordCarriesItsDetailsAndTheChainCoversThem() throws Exception {
    Path policies = Files.createDirectories(data.resolve("policies"));
    Files.writeString(
        policies.resolve("p.yaml"),
        """
        default: deny
        rules:
          - { id: fake-tools, tools: ["fake__*"], action: allow }
          - { id: echo-watch, tools: ["fake__echo"], action: allow, rate: 100/minute }
        """);
    try (FakeHttpUpstream upstream = new FakeHttpUpstream().start();
        GatewayHarness harness =
            GatewayHarness.start(
                data, List.of(GatewayHarness.http("fake", upstream.url())), policies)) {
      await().atMost(Duration.ofSeconds(20)).until(() -> harness.door().serves("fake__echo"));
      McpSyncClient client = harness.client(harness.token("careful"));
      client.callTool(
          new CallToolRequest("fake__echo", Map.of("text", "write to ada@corp.example please")));
      client.close();

      AuditRecord record =
          harness.gateway().audit().tail(5).stream()
              .filter(r -> r.tool().equals("fake__echo"))
              .findFirst()
              .orElseThrow();
      JsonNode details = new ObjectMapper().readTree(record.details());
      assertThat(details.path("arguments").asText())
          .contains("[REDACTED:email]")
          .doesNotContain("ada@corp.example");
      assertThat(details.path("rules").toString()).isEqualTo("[\"fake-tools\",\"echo-watch\"]");
      assertThat(details.path("policy_revision").asText())
          .isEqualTo(harness.gateway().policies().revision());
      assertThat(details.path("stage_micros").fieldNames())
          .toIterable()
          .contains("PolicyStage", "RelayStage", "ResolveStage", "ValidateStage");
      assertThat(details.path("bytes_in").asLong()).isGreaterThan(30);
      assertThat(details.path("bytes_out").asLong()).isGreaterThan(30);
      assertThat(harness.gateway().audit().verify().intact()).isTrue();
    }
  }
}
