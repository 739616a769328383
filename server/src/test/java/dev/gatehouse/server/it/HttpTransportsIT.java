package dev.gatehouse.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.connectors.UpstreamSpec;
import dev.gatehouse.server.testing.GatewayHarness;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real npm server-everything, run over legacy SSE and over Streamable HTTP, behind the gateway.
 */
class HttpTransportsIT {
  @TempDir Path data;

  @Test
  void relaysAnUpstreamOverLegacySse() throws Exception {
    relay(
        "sse",
        "/sse",
        (port, url) ->
            new UpstreamSpec.Sse(
                "legacy", Optional.of("legacy"), Duration.ofSeconds(30), url, Map.of()));
  }

  @Test
  void relaysAnUpstreamOverStreamableHttp() throws Exception {
    relay(
        "streamableHttp",
        "/mcp",
        (port, url) ->
            new UpstreamSpec.Http(
                "legacy", Optional.of("legacy"), Duration.ofSeconds(30), url, Map.of()));
  }

  private void relay(String mode, String path, BiFunction<Integer, URI, UpstreamSpec> spec)
      throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    ProcessBuilder builder =
        new ProcessBuilder(
                "node",
                Launched.NODE_DIR
                    .resolve("node_modules/@modelcontextprotocol/server-everything/dist/index.js")
                    .toString(),
                mode)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    builder.environment().put("PORT", String.valueOf(port));
    Process server = builder.start();
    try {
      int bound = port;
      await().atMost(Duration.ofSeconds(30)).until(() -> accepts(bound));
      try (GatewayHarness harness =
          GatewayHarness.start(
              data, List.of(spec.apply(port, URI.create("http://127.0.0.1:" + port + path))))) {
        await().atMost(Duration.ofSeconds(30)).until(() -> harness.door().serves("legacy__echo"));
        McpSyncClient client = harness.client(harness.token("remote-agent"));
        McpSchema.CallToolResult result =
            client.callTool(
                new McpSchema.CallToolRequest("legacy__echo", Map.of("message", "over " + mode)));
        assertThat(((McpSchema.TextContent) result.content().get(0)).text())
            .contains("over " + mode);
        assertThat(
                client
                    .callTool(
                        new McpSchema.CallToolRequest("legacy__get-sum", Map.of("a", 2, "b", 3)))
                    .content()
                    .toString())
            .contains("5");
        client.close();
      }
    } finally {
      server.destroy();
      server.waitFor();
    }
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      return true;
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
