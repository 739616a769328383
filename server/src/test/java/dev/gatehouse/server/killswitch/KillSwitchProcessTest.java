package dev.gatehouse.server.killswitch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.server.testing.FakeHttpUpstream;
import dev.gatehouse.server.testing.GatewayHarness;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A single node on its SQLite file, and {@code gatehouse kill-switch} run in another process
 * against the same data directory, as an operator does while {@code gatehouse serve} runs.
 */
class KillSwitchProcessTest {
  @TempDir Path dir;

  /** Runs the CLI in its own JVM (this test's class path) and returns its exit code and output. */
  private record Ran(int code, String output) {}

  private Ran gatehouse(Path config, String... args) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.gatehouse.server.cli.Main"));
    command.addAll(List.of(args));
    command.addAll(List.of("--config", config.toString()));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Ran(process.waitFor(), out);
  }

  @Test
  void theCliInAnotherProcessStopsAndRestartsTheRunningGateway() throws Exception {
    Path data = Files.createDirectories(dir.resolve("data"));
    Path config = dir.resolve("gatehouse.yaml");
    Files.writeString(config, "server: { data_dir: \"%s\" }\n".formatted(data));
    try (FakeHttpUpstream upstream = new FakeHttpUpstream().start();
        GatewayHarness node =
            GatewayHarness.start(data, List.of(GatewayHarness.http("fake", upstream.url())))) {
      await().atMost(Duration.ofSeconds(20)).until(() -> node.door().serves("fake__echo"));
      try (McpSyncClient client = node.client(node.token("worker"))) {
        assertThat(echo(client).isError()).isFalse();

        Ran on = gatehouse(config, "kill-switch", "on", "--reason", "rotating keys", "--by", "bob");
        assertThat(on.code()).as(on.output()).isZero();
        assertThat(on.output()).contains("the kill switch is on since").contains("(by bob)");
        await()
            .atMost(Duration.ofSeconds(1))
            .pollInterval(Duration.ofMillis(50))
            .until(() -> Boolean.TRUE.equals(echo(client).isError()));
        assertThat(((McpSchema.TextContent) echo(client).content().get(0)).text())
            .contains("(by bob): rotating keys");
        assertThat(node.door().status().killSwitch()).isEqualTo("on");

        Ran off = gatehouse(config, "kill-switch", "off");
        assertThat(off.code()).as(off.output()).isZero();
        await()
            .atMost(Duration.ofSeconds(1))
            .pollInterval(Duration.ofMillis(50))
            .until(() -> !Boolean.TRUE.equals(echo(client).isError()));
        assertThat(node.door().status().killSwitch()).isEqualTo("off");
      }
    }
  }

  private static McpSchema.CallToolResult echo(McpSyncClient client) {
    return client.callTool(new CallToolRequest("fake__echo", Map.of("text", "hi")));
  }
}
