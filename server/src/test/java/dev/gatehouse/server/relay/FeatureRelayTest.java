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
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prompts, resources, templates, completions, subscriptions, sampling and elicitation relayed
 * through the gateway from a real upstream, under policy: what an agent may not use it does not
 * see, and cannot use directly either.
 */
class FeatureRelayTest {
  @TempDir Path data;
  private FakeFeatureUpstream upstream;
  private GatewayHarness harness;
  private McpSyncClient client;
  private final List<McpSchema.ResourceContents> updates = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    Path policies = Files.createDirectories(data.resolve("policies"));
    Files.writeString(
        policies.resolve("features.yaml"),
        """
        default: deny
        rules:
          - { id: feature-tools, tools: ["feat__*"], action: allow }
          - { id: feature-prompts, prompts: ["feat__*"], action: allow }
          - { id: no-internal-prompts, prompts: ["feat__internal_*"], action: deny }
          - { id: fake-resources, resources: ["fake://*"], action: allow }
          - { id: no-private-resources, resources: ["fake://private/*"], action: deny }
        """);
    upstream = new FakeFeatureUpstream().start();
    harness =
        GatewayHarness.start(data, List.of(GatewayHarness.http("feat", upstream.url())), policies);
    await().atMost(Duration.ofSeconds(20)).until(() -> harness.door().serves("feat__ask_model"));
    client =
        harness.client(
            harness.token("writer"),
            spec ->
                spec.capabilities(
                        McpSchema.ClientCapabilities.builder().sampling().elicitation().build())
                    .sampling(
                        request ->
                            McpSchema.CreateMessageResult.builder()
                                .role(McpSchema.Role.ASSISTANT)
                                .content(new McpSchema.TextContent("4"))
                                .model("test-model")
                                .build())
                    .elicitation(
                        request ->
                            new McpSchema.ElicitResult(
                                McpSchema.ElicitResult.Action.ACCEPT, Map.of("name", "Bob")))
                    .resourcesUpdateConsumer(updates::addAll));
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    harness.close();
    upstream.close();
  }

  @Test
  void promptsAreNamespacedFilteredByPolicyAndRelayed() {
    assertThat(client.listPrompts().prompts())
        .extracting(McpSchema.Prompt::name)
        .containsExactly("feat__greeting");
    McpSchema.GetPromptResult prompt =
        client.getPrompt(new McpSchema.GetPromptRequest("feat__greeting", Map.of("name", "Ada")));
    assertThat(((McpSchema.TextContent) prompt.messages().get(0).content()).text())
        .isEqualTo("Say hello to Ada");

    assertThatThrownBy(
            () ->
                client.getPrompt(new McpSchema.GetPromptRequest("feat__internal_review", Map.of())))
        .isInstanceOf(McpError.class)
        .hasMessageContaining("rule no-internal-prompts");
    assertThat(harness.gateway().audit().tail(5))
        .anyMatch(
            r ->
                r.tool().equals("prompt:feat__internal_review")
                    && r.ruleId().equals("no-internal-prompts"));
  }

  @Test
  void resourcesAndTemplatesAreRoutedToTheirOwnerAndFilteredByPolicy() {
    assertThat(client.listResources().resources())
        .extracting(McpSchema.Resource::uri)
        .containsExactlyInAnyOrder(
            FakeFeatureUpstream.TEXT_URI,
            FakeFeatureUpstream.BLOB_URI,
            FakeFeatureUpstream.WATCHED_URI);
    assertThat(client.listResourceTemplates().resourceTemplates())
        .extracting(McpSchema.ResourceTemplate::uriTemplate)
        .containsExactly(FakeFeatureUpstream.TEMPLATE);

    McpSchema.ReadResourceResult text =
        client.readResource(new McpSchema.ReadResourceRequest(FakeFeatureUpstream.TEXT_URI));
    assertThat(((McpSchema.TextResourceContents) text.contents().get(0)).text())
        .isEqualTo("Read me: mail ops@corp.example");
    McpSchema.ReadResourceResult blob =
        client.readResource(new McpSchema.ReadResourceRequest(FakeFeatureUpstream.BLOB_URI));
    assertThat(((McpSchema.BlobResourceContents) blob.contents().get(0)).blob())
        .isEqualTo(dev.gatehouse.server.testing.FakeHttpUpstream.PIXEL);
    McpSchema.ReadResourceResult item =
        client.readResource(new McpSchema.ReadResourceRequest("fake://items/42"));
    assertThat(((McpSchema.TextResourceContents) item.contents().get(0)).text())
        .isEqualTo("item at fake://items/42");

    assertThatThrownBy(
            () ->
                client.readResource(
                    new McpSchema.ReadResourceRequest(FakeFeatureUpstream.SECRET_URI)))
        .isInstanceOf(McpError.class)
        .hasMessageContaining("rule no-private-resources");
    assertThatThrownBy(
            () -> client.readResource(new McpSchema.ReadResourceRequest("other://nobody/owns")))
        .isInstanceOf(McpError.class);
  }

  @Test
  void completionsAreRelayedForPromptsTheAgentMayUse() {
    McpSchema.CompleteResult result =
        client.completeCompletion(
            new McpSchema.CompleteRequest(
                new McpSchema.PromptReference("feat__greeting"),
                new McpSchema.CompleteRequest.CompleteArgument("name", "Al")));
    assertThat(result.completion().values()).containsExactly("Alice", "Alfred");
    assertThatThrownBy(
            () ->
                client.completeCompletion(
                    new McpSchema.CompleteRequest(
                        new McpSchema.PromptReference("feat__internal_review"),
                        new McpSchema.CompleteRequest.CompleteArgument("x", ""))))
        .isInstanceOf(McpError.class);
  }

  @Test
  void aSubscribedAgentHearsOfUpdates() {
    client.subscribeResource(new McpSchema.SubscribeRequest(FakeFeatureUpstream.WATCHED_URI));
    upstream.bumpCounter();
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(updates).anyMatch(c -> c.uri().equals(FakeFeatureUpstream.WATCHED_URI)));
    assertThatThrownBy(
            () ->
                client.subscribeResource(
                    new McpSchema.SubscribeRequest(FakeFeatureUpstream.SECRET_URI)))
        .isInstanceOf(McpError.class);
  }

  @Test
  void samplingAndElicitationMadeMidCallReachTheCallingAgent() {
    McpSchema.CallToolResult sampled =
        client.callTool(new McpSchema.CallToolRequest("feat__ask_model", Map.of()));
    assertThat(((McpSchema.TextContent) sampled.content().get(0)).text())
        .isEqualTo("model said: 4");
    McpSchema.CallToolResult elicited =
        client.callTool(new McpSchema.CallToolRequest("feat__ask_user", Map.of()));
    assertThat(((McpSchema.TextContent) elicited.content().get(0)).text())
        .isEqualTo("user said: ACCEPT {name=Bob}");
  }

  @Test
  void anUnknownToolIsRefusedAsAToolErrorAndAudited() {
    McpSchema.CallToolResult refused =
        client.callTool(new McpSchema.CallToolRequest("feat__no_such_tool", Map.of()));
    assertThat(refused.isError()).isTrue();
    assertThat(((McpSchema.TextContent) refused.content().get(0)).text())
        .contains("there is no tool named 'feat__no_such_tool'");
    assertThat(harness.gateway().audit().tail(3))
        .anyMatch(r -> r.tool().equals("feat__no_such_tool") && r.kind().equals("unknown_tool"));
  }

  @Test
  void anUnknownPromptOrResourceIsRefusedByThePipelineAndAudited() {
    assertThatThrownBy(
            () ->
                client.getPrompt(new McpSchema.GetPromptRequest("feat__no_such_prompt", Map.of())))
        .isInstanceOf(McpError.class)
        .hasMessageContaining("feat__no_such_prompt");
    assertThatThrownBy(
            () -> client.readResource(new McpSchema.ReadResourceRequest("nowhere://at/all")))
        .isInstanceOf(McpError.class)
        .hasMessageContaining("nowhere://at/all");
    assertThat(harness.gateway().audit().tail(4))
        .anyMatch(
            r -> r.tool().equals("prompt:feat__no_such_prompt") && r.kind().equals("unknown_tool"))
        .anyMatch(
            r -> r.tool().equals("resource:nowhere://at/all") && r.kind().equals("unknown_tool"));
  }
}
