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
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Edits to the policy directory take effect in the running gateway; broken ones never do. */
class PolicyReloadTest {
  @TempDir Path data;

  private static void write(Path file, String yaml) throws Exception {
    // Write as editors and git do: a new file renamed over the old one.
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(temporary, yaml);
    Files.move(
        temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  @Test
  void aGoodEditIsSwappedInAndABrokenOneIsRejected() throws Exception {
    Path policies = Files.createDirectories(data.resolve("rules"));
    Path file = policies.resolve("fake.yaml");
    write(
        file,
        "default: deny\nrules:\n  - { id: text-ok, tools: [\"fake__text\"], action: allow }\n");
    List<List<McpSchema.Tool>> changes = new CopyOnWriteArrayList<>();
    try (FakeHttpUpstream upstream = new FakeHttpUpstream().start();
        GatewayHarness harness =
            GatewayHarness.start(
                data, List.of(GatewayHarness.http("fake", upstream.url())), policies)) {
      await().atMost(Duration.ofSeconds(20)).until(() -> harness.door().serves("fake__text"));
      McpSyncClient client =
          harness.client(harness.token("edited"), spec -> spec.toolsChangeConsumer(changes::add));
      String first = harness.gateway().policies().revision();
      assertThat(client.callTool(new CallToolRequest("fake__text", Map.of())).isError()).isFalse();

      write(
          file,
          "default: deny\nrules:\n  - { id: text-off, tools: [\"fake__text\"], action: deny, reason: Switched off. }\n");
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> !harness.gateway().policies().revision().equals(first));
      McpSchema.CallToolResult refused =
          client.callTool(new CallToolRequest("fake__text", Map.of()));
      assertThat(refused.isError()).isTrue();
      assertThat(((McpSchema.TextContent) refused.content().get(0)).text())
          .contains("Switched off.");
      await().atMost(Duration.ofSeconds(5)).until(() -> !changes.isEmpty());
      assertThat(client.listTools().tools()).isEmpty();

      String second = harness.gateway().policies().revision();
      write(
          file,
          "default: deny\nrules:\n  - { id: broken, tools: [\"fake__text\"], action: allow\n");
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> harness.gateway().failedPolicyReloads() == 1);
      assertThat(harness.gateway().policies().revision()).isEqualTo(second);
      assertThat(client.callTool(new CallToolRequest("fake__text", Map.of())).isError()).isTrue();
      assertThat(harness.door().status().failedPolicyReloads()).isEqualTo(1);

      write(
          file,
          "default: deny\nrules:\n  - { id: text-back, tools: [\"fake__text\"], action: allow }\n");
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> !client.callTool(new CallToolRequest("fake__text", Map.of())).isError());
      client.close();
      var records = harness.gateway().audit().tail(50);
      assertThat(records)
          .filteredOn(r -> r.outcome().equals("policy_reloaded"))
          .hasSizeGreaterThanOrEqualTo(2)
          .anyMatch(r -> r.reason().contains("replacing " + first));
      assertThat(records)
          .filteredOn(r -> r.outcome().equals("policy_rejected"))
          .singleElement()
          .satisfies(r -> assertThat(r.reason()).contains("fake.yaml").contains(second));
      assertThat(harness.gateway().audit().verify().intact()).isTrue();
    }
  }
}
