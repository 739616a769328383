package dev.gatehouse.server.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.server.testing.FakeHttpUpstream;
import dev.gatehouse.server.testing.GatewayHarness;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real SDK client talks to the gateway, which relays to a real SDK server over HTTP. */
class HttpUpstreamRelayTest {
  @TempDir static Path data;
  static FakeHttpUpstream upstream;
  static GatewayHarness harness;
  static McpSyncClient client;
  static final List<McpSchema.ProgressNotification> progress = new CopyOnWriteArrayList<>();
  static final List<McpSchema.LoggingMessageNotification> logs = new CopyOnWriteArrayList<>();
  static final List<List<McpSchema.Tool>> toolChanges = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    upstream = new FakeHttpUpstream().start();
    harness = GatewayHarness.start(data, List.of(GatewayHarness.http("fake", upstream.url())));
    await().atMost(Duration.ofSeconds(20)).until(() -> harness.door().serves("fake__text"));
    client =
        harness.client(
            harness.token("relay-agent"),
            spec ->
                spec.progressConsumer(progress::add)
                    .loggingConsumer(logs::add)
                    .toolsChangeConsumer(toolChanges::add));
  }

  @AfterAll
  static void stop() throws Exception {
    client.close();
    harness.close();
    upstream.close();
  }

  private static CallToolResult call(String tool, Map<String, Object> args) {
    return client.callTool(new CallToolRequest(tool, args));
  }

  @Test
  void listsTheUpstreamToolsUnderTheirNamespacedNames() {
    List<String> names = client.listTools().tools().stream().map(McpSchema.Tool::name).toList();
    assertThat(names)
        .contains(
            "fake__text",
            "fake__image",
            "fake__audio",
            "fake__resource",
            "fake__structured",
            "fake__error",
            "fake__progress",
            "fake__slow")
        .allMatch(name -> name.startsWith("fake__"));
  }

  @Test
  void relaysText() {
    CallToolResult result = call("fake__text", Map.of());
    assertThat(result.isError()).isFalse();
    assertThat(result.content()).containsExactly(new McpSchema.TextContent("hello from fake"));
  }

  @Test
  void relaysImageAudioAndEmbeddedResources() {
    assertThat(call("fake__image", Map.of()).content())
        .containsExactly(new McpSchema.ImageContent(null, FakeHttpUpstream.PIXEL, "image/png"));
    assertThat(call("fake__audio", Map.of()).content())
        .containsExactly(new McpSchema.AudioContent(null, FakeHttpUpstream.AUDIO, "audio/wav"));
    McpSchema.EmbeddedResource resource =
        (McpSchema.EmbeddedResource) call("fake__resource", Map.of()).content().get(0);
    assertThat(resource.resource())
        .isEqualTo(
            new McpSchema.TextResourceContents("file:///notes.txt", "text/plain", "embedded text"));
  }

  @Test
  void relaysStructuredContentAndToolErrors() {
    CallToolResult structured = call("fake__structured", Map.of());
    assertThat(structured.structuredContent()).isEqualTo(Map.of("temperature", 21.5, "unit", "C"));
    CallToolResult error = call("fake__error", Map.of());
    assertThat(error.isError()).isTrue();
    assertThat(error.content()).containsExactly(new McpSchema.TextContent("it broke"));
  }

  @Test
  void relaysProgressWithTheAgentsOwnTokenAndLogMessages() {
    CallToolResult result =
        client.callTool(
            CallToolRequest.builder()
                .name("fake__progress")
                .arguments(Map.of())
                .progressToken("agent-token-7")
                .build());
    assertThat(result.content()).containsExactly(new McpSchema.TextContent("progress done"));
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> progress.stream().anyMatch(p -> p.progress() == 3.0));
    assertThat(progress).allMatch(p -> "agent-token-7".equals(p.progressToken()));
    List<Double> values = progress.stream().map(McpSchema.ProgressNotification::progress).toList();
    // Gatehouse sends them in increasing order; the SDK client in this test may hand them over in
    // another order (it delivers each notification on its own subscription).
    assertThat(values).doesNotHaveDuplicates().contains(3.0).isSubsetOf(1.0, 2.0, 3.0);
    await().atMost(Duration.ofSeconds(5)).until(() -> logs.size() >= 3);
    assertThat(logs.stream().map(McpSchema.LoggingMessageNotification::data))
        .contains("step 1", "step 2", "step 3");
  }

  @Test
  void twoAgentsCallingAtOnceEachGetOnlyTheirOwnProgress() throws Exception {
    List<McpSchema.ProgressNotification> mine = new CopyOnWriteArrayList<>();
    List<McpSchema.ProgressNotification> theirs = new CopyOnWriteArrayList<>();
    try (McpSyncClient alice =
            harness.client(harness.token("alice"), s -> s.progressConsumer(mine::add));
        McpSyncClient bob =
            harness.client(harness.token("bob"), s -> s.progressConsumer(theirs::add))) {
      var both = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();
      var first =
          both.submit(
              () ->
                  alice.callTool(
                      CallToolRequest.builder()
                          .name("fake__progress")
                          .arguments(Map.of())
                          .progressToken("alice-token")
                          .build()));
      var second =
          both.submit(
              () ->
                  bob.callTool(
                      CallToolRequest.builder()
                          .name("fake__progress")
                          .arguments(Map.of())
                          .progressToken("bob-token")
                          .build()));
      assertThat(first.get().isError()).isFalse();
      assertThat(second.get().isError()).isFalse();
      both.close();
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> !mine.isEmpty() && !theirs.isEmpty());
    assertThat(mine).allMatch(p -> "alice-token".equals(p.progressToken()));
    assertThat(theirs).allMatch(p -> "bob-token".equals(p.progressToken()));
  }

  @Test
  void progressLeavesTheGatewayInIncreasingOrder() throws Exception {
    dev.gatehouse.server.testing.RawMcpSession session =
        new dev.gatehouse.server.testing.RawMcpSession(
                harness.mcpUri(), harness.token("raw-progress"))
            .open();
    for (int attempt = 0; attempt < 5; attempt++) {
      String body =
          session
              .post(
                  "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/call\",\"params\":{\"name\":\"fake__progress\","
                      + "\"arguments\":{},\"_meta\":{\"progressToken\":\"wire\"}}}")
              .body();
      List<Double> onTheWire = new java.util.ArrayList<>();
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("\"progress\":([0-9.]+)").matcher(body);
      while (m.find()) {
        onTheWire.add(Double.parseDouble(m.group(1)));
      }
      assertThat(onTheWire).isNotEmpty().isSorted().doesNotHaveDuplicates().endsWith(3.0);
    }
  }

  @Test
  void rejectsUndeclaredArgumentsBeforeTheUpstreamSeesThem() {
    int before = upstream.requestHeaders().size();
    CallToolResult result = call("fake__slow", Map.of("ms", 1, "exfiltrate", "x"));
    assertThat(result.isError()).isTrue();
    assertThat(((McpSchema.TextContent) result.content().get(0)).text())
        .contains("does not declare the argument 'exfiltrate'")
        .contains("declared: ms");
    assertThat(upstream.requestHeaders()).hasSize(before);
  }

  @Test
  void rejectsArgumentsOfTheWrongType() {
    CallToolResult result = call("fake__slow", Map.of("ms", "soon"));
    assertThat(result.isError()).isTrue();
    assertThat(((McpSchema.TextContent) result.content().get(0)).text())
        .contains("do not match the input schema");
  }

  @Test
  void announcesToolsAddedByTheUpstream() {
    upstream.addTool("late");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                toolChanges.stream()
                    .anyMatch(list -> list.stream().anyMatch(t -> t.name().equals("fake__late"))));
    assertThat(call("fake__late", Map.of()).content())
        .containsExactly(new McpSchema.TextContent("new tool late"));
  }

  @Test
  void writesAnAuditRecordForEveryCall() {
    call("fake__text", Map.of());
    assertThat(harness.gateway().audit().tail(50))
        .anyMatch(
            r ->
                r.tool().equals("fake__text")
                    && r.agent().equals("relay-agent")
                    && r.upstream().equals("fake")
                    && r.outcome().equals("completed"));
  }
}
