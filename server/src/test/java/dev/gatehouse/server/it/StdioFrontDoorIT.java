package dev.gatehouse.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gatehouse stdio --token T}, spawned by a real MCP client as Claude Code would. */
class StdioFrontDoorIT {
  @TempDir Path dir;

  @Test
  void aClientThatSpawnsGatehouseGetsTheRelayedTools() throws Exception {
    Path config = Launched.config(dir, Launched.demoUpstream());
    String token =
        Launched.run("agent", "create", "stdio-agent", "--config", config.toString()).strip();
    List<String> command =
        Launched.gatehouse("stdio", "--token", token, "--config", config.toString());
    ServerParameters parameters =
        ServerParameters.builder(command.get(0)).args(command.subList(1, command.size())).build();
    List<McpSchema.ProgressNotification> progress = new CopyOnWriteArrayList<>();
    McpSyncClient client =
        McpClient.sync(
                new StdioClientTransport(parameters, new JacksonMcpJsonMapper(new ObjectMapper())))
            .requestTimeout(Duration.ofSeconds(60))
            .initializationTimeout(Duration.ofSeconds(60))
            .progressConsumer(progress::add)
            .build();
    try {
      client.initialize();
      awaitTools(client);
      assertThat(client.listTools().tools().stream().map(McpSchema.Tool::name))
          .contains("demo__echo", "demo__add", "demo__countdown");
      // Answered by the gateway itself (per-agent lists), on the stdout the SDK also writes to.
      assertThat(client.listPrompts().prompts()).isEmpty();
      assertThat(client.listResources().resources()).isEmpty();
      McpSchema.CallToolResult unknown =
          client.callTool(new McpSchema.CallToolRequest("demo__nothing", Map.of()));
      assertThat(unknown.isError()).isTrue();
      McpSchema.CallToolResult sum =
          client.callTool(new McpSchema.CallToolRequest("demo__add", Map.of("a", 2, "b", 40)));
      assertThat(sum.structuredContent()).isEqualTo(Map.of("sum", 42.0));
      McpSchema.CallToolResult countdown =
          client.callTool(
              McpSchema.CallToolRequest.builder()
                  .name("demo__countdown")
                  .arguments(Map.of("n", 3, "step_ms", 10))
                  .progressToken("p1")
                  .build());
      assertThat(((McpSchema.TextContent) countdown.content().get(0)).text())
          .isEqualTo("liftoff after 3 steps");
      // The SDK client hands notifications to its consumer on several threads: their order here
      // is not the order on the wire, and the last may arrive after the call's result.
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(5))
          .untilAsserted(
              () ->
                  assertThat(progress)
                      .extracting(McpSchema.ProgressNotification::progress)
                      .containsExactlyInAnyOrder(1.0, 2.0, 3.0));
    } finally {
      client.closeGracefully();
    }
  }

  @Test
  void aBadTokenStopsTheProcessWithAClearMessage() throws Exception {
    Path config = Launched.config(dir, Launched.demoUpstream());
    Process process =
        new ProcessBuilder(
                Launched.gatehouse(
                    "stdio", "--token", "not-a-token", "--config", config.toString()))
            .start();
    process.getOutputStream().close();
    String err = new String(process.getErrorStream().readAllBytes());
    assertThat(process.waitFor()).isEqualTo(3);
    assertThat(err).contains("the agent token is missing or invalid");
    assertThat(process.getInputStream().readAllBytes()).isEmpty();
  }

  @Test
  void stdoutCarriesNothingButJsonRpc() throws Exception {
    Path config = Launched.config(dir, Launched.demoUpstream());
    String token =
        Launched.run("agent", "create", "quiet-agent", "--config", config.toString()).strip();
    Process process =
        new ProcessBuilder(
                Launched.gatehouse("stdio", "--token", token, "--config", config.toString()))
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try (var stdin = process.getOutputStream()) {
      stdin.write(
          ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                  + "\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}\n")
              .getBytes(java.nio.charset.StandardCharsets.UTF_8));
      stdin.flush();
      java.io.BufferedReader out =
          new java.io.BufferedReader(
              new java.io.InputStreamReader(
                  process.getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
      String first = out.readLine();
      assertThat(
              new ObjectMapper()
                  .readTree(first)
                  .path("result")
                  .path("serverInfo")
                  .path("name")
                  .asText())
          .isEqualTo("gatehouse");
    }
    List<String> rest =
        new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
            .lines()
            .toList();
    for (String line : rest) {
      assertThat(new ObjectMapper().readTree(line).has("jsonrpc")).as(line).isTrue();
    }
    process.waitFor();
  }

  /** Waits until the gateway lists the demo's tools (they are registered one by one). */
  private static void awaitTools(McpSyncClient client) {
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                client.listTools().tools().stream()
                    .map(McpSchema.Tool::name)
                    .toList()
                    .containsAll(List.of("demo__echo", "demo__add", "demo__countdown")));
  }
}
