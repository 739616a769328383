package dev.gatehouse.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.connectors.UpstreamSpec;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real {@code @modelcontextprotocol/server-everything} from npm behind the gateway. */
class ServerEverythingIT {
  @TempDir static Path data;
  static GatewayHarness harness;
  static McpSyncClient client;
  static final List<McpSchema.ProgressNotification> progress = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    UpstreamSpec.Stdio everything =
        new UpstreamSpec.Stdio(
            "everything",
            Optional.empty(),
            Duration.ofSeconds(60),
            "node",
            List.of(
                Launched.NODE_DIR
                    .resolve("node_modules/@modelcontextprotocol/server-everything/dist/index.js")
                    .toString(),
                "stdio"),
            Map.of("GRANTED_TO_CHILD", "visible"),
            Launched.NODE_DIR);
    harness = GatewayHarness.start(data, List.of(everything));
    await().atMost(Duration.ofSeconds(60)).until(() -> harness.door().serves("echo"));
    client =
        harness.client(
            harness.token("everything-agent"), spec -> spec.progressConsumer(progress::add));
  }

  @AfterAll
  static void stop() throws Exception {
    client.close();
    harness.close();
  }

  private static McpSchema.CallToolResult call(String tool, Map<String, Object> args) {
    return client.callTool(new CallToolRequest(tool, args));
  }

  @Test
  void listsItsToolsAsTheyAreNamedWithPrefixNone() {
    assertThat(client.listTools().tools().stream().map(McpSchema.Tool::name))
        .contains("echo", "get-sum", "get-tiny-image", "get-env");
  }

  @Test
  void relaysTextImagesAndStructuredContent() {
    assertThat(
            ((McpSchema.TextContent) call("echo", Map.of("message", "hi")).content().get(0)).text())
        .contains("hi");
    assertThat(call("get-tiny-image", Map.of()).content())
        .anyMatch(
            c -> c instanceof McpSchema.ImageContent image && image.mimeType().equals("image/png"));
    McpSchema.CallToolResult structured =
        call("get-structured-content", Map.of("location", "New York"));
    assertThat(structured.structuredContent()).isNotNull();
    assertThat(structured.isError()).isNotEqualTo(Boolean.TRUE);
  }

  @Test
  void theChildSeesNoneOfTheGatewaysEnvironment() {
    String env = ((McpSchema.TextContent) call("get-env", Map.of()).content().get(0)).text();
    assertThat(env).contains("GRANTED_TO_CHILD");
    System.getenv().keySet().stream()
        .filter(name -> !name.equals("PATH") && !name.equals("HOME") && name.length() > 3)
        .forEach(name -> assertThat(env).doesNotContain("\"" + name + "\""));
  }

  @Test
  void relaysProgressOfALongRunningOperation() {
    McpSchema.CallToolResult result =
        client.callTool(
            CallToolRequest.builder()
                .name("trigger-long-running-operation")
                .arguments(Map.of("duration", 1, "steps", 4))
                .progressToken("lro")
                .build());
    assertThat(result.isError()).isNotEqualTo(Boolean.TRUE);
    await().atMost(Duration.ofSeconds(10)).until(() -> progress.size() >= 4);
    assertThat(progress).allMatch(p -> "lro".equals(p.progressToken()));
  }

  @Test
  void argumentsAreCheckedAgainstItsSchemas() {
    McpSchema.CallToolResult result = call("get-sum", Map.of("a", 1, "b", 2, "c", 3));
    assertThat(result.isError()).isTrue();
    assertThat(((McpSchema.TextContent) result.content().get(0)).text()).contains("'c'");
  }
}
