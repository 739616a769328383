package dev.gatehouse.server.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A stdio MCP server run as a real child process by tests ({@code java -cp <test classpath>
 * FakeStdioUpstream}). It can show its environment, start a grandchild, write junk to stdout and
 * crash, and ask its client to sample mid-call, so the gateway's process handling can be checked
 * from outside.
 */
public final class FakeStdioUpstream {
  private FakeStdioUpstream() {}

  public static void main(String[] args) throws Exception {
    McpJsonMapper json = new JacksonMcpJsonMapper(new ObjectMapper());
    StdioServerTransportProvider transport = new StdioServerTransportProvider(json);
    McpSyncServer server =
        McpServer.sync(transport)
            .jsonMapper(json)
            .serverInfo("fake-stdio", "1.0")
            .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
            .tools(
                tool(json, "env", (ex, req) -> structured(new TreeMap<>(System.getenv()))),
                tool(
                    json,
                    "leak_env",
                    (ex, req) -> {
                      String value = String.valueOf(System.getenv("API_KEY"));
                      String base64 =
                          java.util.Base64.getEncoder()
                              .encodeToString(
                                  value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                      return CallToolResult.builder()
                          .addTextContent("env API_KEY=" + value + " as base64 " + base64)
                          .structuredContent(Map.of("API_KEY", value))
                          .isError(true)
                          .build();
                    }),
                tool(json, "pid", (ex, req) -> text(String.valueOf(ProcessHandle.current().pid()))),
                tool(json, "spawn", (ex, req) -> text(String.valueOf(spawnSleeper()))),
                tool(
                    json,
                    "noise",
                    (ex, req) -> {
                      System.out.println("this line is not JSON-RPC");
                      System.out.flush();
                      return text("quiet again");
                    }),
                tool(
                    json,
                    "ask_model",
                    (ex, req) -> {
                      McpSchema.CreateMessageResult answer =
                          ex.createMessage(
                              McpSchema.CreateMessageRequest.builder()
                                  .messages(
                                      List.of(
                                          new McpSchema.SamplingMessage(
                                              McpSchema.Role.USER,
                                              new McpSchema.TextContent("What is 2+2?"))))
                                  .maxTokens(10)
                                  .build());
                      return text(
                          "model said: " + ((McpSchema.TextContent) answer.content()).text());
                    }),
                tool(
                    json,
                    "crash",
                    (ex, req) -> {
                      Runtime.getRuntime().halt(3);
                      return text("unreachable");
                    }))
            .build();
    Thread.currentThread().join();
    server.close();
  }

  private static long spawnSleeper() {
    try {
      return new ProcessBuilder("sleep", "600")
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start()
          .pid();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static SyncToolSpecification tool(
      McpJsonMapper json,
      String name,
      java.util.function.BiFunction<
              io.modelcontextprotocol.server.McpSyncServerExchange,
              McpSchema.CallToolRequest,
              CallToolResult>
          handler) {
    return SyncToolSpecification.builder()
        .tool(
            McpSchema.Tool.builder()
                .name(name)
                .description(name)
                .inputSchema(json, "{\"type\":\"object\",\"properties\":{}}")
                .build())
        .callHandler(handler)
        .build();
  }

  private static CallToolResult text(String text) {
    return CallToolResult.builder().addTextContent(text).build();
  }

  private static CallToolResult structured(Map<String, String> values) {
    return CallToolResult.builder().addTextContent("env").structuredContent(values).build();
  }

  /** The command line that starts this server with the test classpath. */
  public static List<String> commandLine() {
    String java = ProcessHandle.current().info().command().orElse("java");
    return List.of(
        java, "-cp", System.getProperty("java.class.path"), FakeStdioUpstream.class.getName());
  }
}
