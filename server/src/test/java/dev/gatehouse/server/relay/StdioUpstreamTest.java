package dev.gatehouse.server.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.connectors.UpstreamState;
import dev.gatehouse.connectors.mcp.McpUpstream;
import dev.gatehouse.server.testing.FakeStdioUpstream;
import dev.gatehouse.server.testing.GatewayHarness;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stdio upstream is a real child process: its environment, its output and its death. */
class StdioUpstreamTest {
  @TempDir Path data;
  GatewayHarness harness;
  McpSyncClient client;
  final List<List<McpSchema.Tool>> toolChanges = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    harness =
        GatewayHarness.start(
            data,
            List.of(
                GatewayHarness.stdio(
                    "kid", FakeStdioUpstream.commandLine(), Map.of("GRANTED", "yes"))));
    await().atMost(Duration.ofSeconds(30)).until(() -> harness.door().serves("kid__env"));
    client =
        harness.client(
            harness.token("parent"),
            spec ->
                spec.toolsChangeConsumer(toolChanges::add)
                    .capabilities(McpSchema.ClientCapabilities.builder().sampling().build())
                    .sampling(
                        request ->
                            McpSchema.CreateMessageResult.builder()
                                .role(McpSchema.Role.ASSISTANT)
                                .content(new McpSchema.TextContent("4"))
                                .model("test-model")
                                .build()));
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    harness.close();
  }

  private McpSchema.CallToolResult call(String tool) {
    return client.callTool(new CallToolRequest(tool, Map.of()));
  }

  private McpUpstream upstream() {
    return (McpUpstream) harness.gateway().upstreams().get(0);
  }

  @Test
  void theChildGetsOnlyPathHomeAndWhatTheConfigGrants() {
    @SuppressWarnings("unchecked")
    Map<String, Object> env = (Map<String, Object>) call("kid__env").structuredContent();
    assertThat(env).containsEntry("GRANTED", "yes");
    assertThat(env.keySet()).isSubsetOf("GRANTED", "PATH", "HOME");
    assertThat(System.getenv()).isNotEmpty();
  }

  @Test
  void aSamplingRequestMadeMidCallIsAnsweredByTheCallingAgent() {
    // The upstream's request reaches the agent and the agent's answer goes back; nothing the
    // gateway receives is echoed to the child (an echo would answer the child's own request with
    // "Method not found").
    assertThat(((McpSchema.TextContent) call("kid__ask_model").content().get(0)).text())
        .isEqualTo("model said: 4");
  }

  @Test
  void aStrayLineOnStdoutIsSkippedNotFatal() {
    assertThat(((McpSchema.TextContent) call("kid__noise").content().get(0)).text())
        .isEqualTo("quiet again");
    assertThat(((McpSchema.TextContent) call("kid__pid").content().get(0)).text()).isNotBlank();
    assertThat(upstream().status().state()).isEqualTo(UpstreamState.READY);
  }

  @Test
  void aCrashedChildIsRestartedAndItsToolsComeBack() {
    long firstPid = upstream().processHandle().orElseThrow().pid();
    McpSchema.CallToolResult crashed = call("kid__crash");
    assertThat(crashed.isError()).isTrue();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                upstream().status().state() == UpstreamState.READY
                    && upstream().status().restarts() >= 1);
    long secondPid = upstream().processHandle().orElseThrow().pid();
    assertThat(secondPid).isNotEqualTo(firstPid);
    assertThat(ProcessHandle.of(firstPid).map(ProcessHandle::isAlive))
        .isIn(Optional.empty(), Optional.of(false));
    assertThat(((McpSchema.TextContent) call("kid__pid").content().get(0)).text())
        .isEqualTo(String.valueOf(secondPid));
    await().atMost(Duration.ofSeconds(10)).until(() -> toolChanges.size() >= 2);
  }

  @Test
  void closingTheGatewayKillsTheChildAndItsChildren() throws Exception {
    ProcessHandle child = upstream().processHandle().orElseThrow();
    long grandchild =
        Long.parseLong(((McpSchema.TextContent) call("kid__spawn").content().get(0)).text());
    assertThat(ProcessHandle.of(grandchild)).isPresent();
    client.close();
    harness.gateway().close();
    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                !child.isAlive()
                    && ProcessHandle.of(grandchild).map(ProcessHandle::isAlive).orElse(false)
                        == false);
  }
}
