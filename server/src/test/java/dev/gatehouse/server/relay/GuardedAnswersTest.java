package dev.gatehouse.server.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.server.audit.AuditRecord;
import dev.gatehouse.server.auth.TokenCheck;
import dev.gatehouse.server.testing.FakeFeatureUpstream;
import dev.gatehouse.server.testing.GatewayHarness;
import dev.gatehouse.shield.AgentIdentity;
import dev.gatehouse.shield.Finding;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Completions and resource (un)subscriptions reach an upstream outside the pipeline; they get its
 * checks all the same: kill switch, token still valid, secrets masked, audited. A session releases
 * only the subscriptions it holds, and all of them when it ends.
 */
class GuardedAnswersTest {
  @TempDir static Path data;
  static FakeFeatureUpstream upstream;
  static GatewayHarness harness;
  static McpSyncClient client;
  static final ObjectMapper mapper = new ObjectMapper();

  @BeforeAll
  static void start() throws Exception {
    upstream = new FakeFeatureUpstream().start();
    harness = GatewayHarness.start(data, List.of(GatewayHarness.http("feat", upstream.url())));
    harness.gateway().vault().put("ITEM_KEY", FakeFeatureUpstream.LEAKED);
    await().atMost(Duration.ofSeconds(20)).until(() -> harness.door().serves("feat__ask_model"));
    client = harness.client(harness.token("completer"));
  }

  @AfterAll
  static void stop() throws Exception {
    client.close();
    harness.close();
    upstream.close();
  }

  private static McpSchema.CompleteRequest itemCompletion(String prefix) {
    return new McpSchema.CompleteRequest(
        new McpSchema.ResourceReference(FakeFeatureUpstream.TEMPLATE),
        new McpSchema.CompleteRequest.CompleteArgument("id", prefix));
  }

  @Test
  void completionValuesAndUpstreamErrorsAreMaskedAndAudited() {
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(client.completeCompletion(itemCompletion("4")).completion().values())
                    .containsExactly("42", "[REDACTED:ITEM_KEY]"));
    assertThatThrownBy(() -> client.completeCompletion(itemCompletion("fail")))
        .isInstanceOf(McpError.class)
        .hasMessageContaining("[REDACTED:ITEM_KEY]")
        .hasMessageNotContaining(FakeFeatureUpstream.LEAKED);
    List<AuditRecord> records = harness.gateway().audit().tail(20);
    Finding masked = new Finding("vault-secret:ITEM_KEY", "/result");
    assertThat(records)
        .anyMatch(
            r ->
                r.agent().equals("completer")
                    && r.tool().equals("completion:" + FakeFeatureUpstream.TEMPLATE)
                    && r.upstream().equals("feat")
                    && r.outcome().equals("completed")
                    && r.findings().contains(masked))
        .anyMatch(
            r ->
                r.tool().equals("completion:" + FakeFeatureUpstream.TEMPLATE)
                    && r.kind().equals("upstream")
                    && r.reason().contains("[REDACTED:ITEM_KEY]"));
    assertThat(records).noneMatch(r -> r.reason().contains(FakeFeatureUpstream.LEAKED));
  }

  @Test
  void completionAndSubscriptionAreRefusedWhileTheKillSwitchIsOn() {
    harness.gateway().killSwitch().engage("cli:ops", "incident 7");
    try {
      assertThatThrownBy(() -> client.completeCompletion(itemCompletion("4")))
          .isInstanceOf(McpError.class)
          .hasMessageContaining("incident 7");
      assertThatThrownBy(
              () ->
                  client.subscribeResource(
                      new McpSchema.SubscribeRequest(FakeFeatureUpstream.WATCHED_URI)))
          .isInstanceOf(McpError.class)
          .hasMessageContaining("incident 7");
    } finally {
      harness.gateway().killSwitch().release("cli:ops");
    }
    assertThat(harness.gateway().answers().subscribers(FakeFeatureUpstream.WATCHED_URI)).isZero();
    assertThat(harness.gateway().audit().tail(10))
        .anyMatch(
            r ->
                r.tool().equals("completion:" + FakeFeatureUpstream.TEMPLATE)
                    && r.kind().equals("kill_switch"))
        .anyMatch(
            r ->
                r.tool().equals("subscribe:" + FakeFeatureUpstream.WATCHED_URI)
                    && r.kind().equals("kill_switch"));
  }

  /** Over stdio no HTTP filter looks at the token again: the answers must. */
  @Test
  void aMalformedCompletionIsRefusedAndAudited() throws Exception {
    String token = harness.token("sloppy");
    AgentIdentity agent = ((TokenCheck.Valid) harness.gateway().verifier().check(token)).agent();
    ObjectNode request =
        (ObjectNode)
            mapper.readTree(
                """
                {"jsonrpc":"2.0","id":4,"method":"completion/complete","params":{
                  "ref":{"type":"ref/prompt","name":["not","a","name"]},
                  "argument":{"name":"id","value":"4"}}}
                """);
    String answer = harness.gateway().answers().answer(request, agent, "stdio").orElseThrow();
    assertThat(mapper.readTree(answer).path("error").path("code").asInt())
        .isEqualTo(McpSchema.ErrorCodes.INVALID_PARAMS);
    assertThat(harness.gateway().audit().tail(10))
        .anyMatch(r -> r.agent().equals("sloppy") && r.kind().equals("invalid_arguments"));
  }

  @Test
  void aRevokedAgentIsRefusedAndAudited() throws Exception {
    String token = harness.token("soon-gone");
    AgentIdentity agent = ((TokenCheck.Valid) harness.gateway().verifier().check(token)).agent();
    harness.gateway().agents().revokeAll("soon-gone", Instant.now());
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> !harness.gateway().verifier().stillValid(agent));
    ObjectNode request =
        (ObjectNode)
            mapper.readTree(
                """
                {"jsonrpc":"2.0","id":3,"method":"completion/complete","params":{
                  "ref":{"type":"ref/resource","uri":"fake://items/{id}"},
                  "argument":{"name":"id","value":"4"}}}
                """);
    String answer = harness.gateway().answers().answer(request, agent, "stdio").orElseThrow();
    assertThat(mapper.readTree(answer).path("error").path("message").asText())
        .contains("no longer valid");
    assertThat(answer).doesNotContain("42");
    assertThat(harness.gateway().audit().tail(10))
        .anyMatch(r -> r.agent().equals("soon-gone") && r.kind().equals("unauthenticated"));
  }

  @Test
  void anAgentCannotCancelAnotherAgentsSubscriptionAndAnEndedSessionReleasesItsOwn()
      throws Exception {
    List<McpSchema.ResourceContents> updates = new CopyOnWriteArrayList<>();
    McpSyncClient alice =
        harness.client(
            harness.token("alice"), spec -> spec.resourcesUpdateConsumer(updates::addAll));
    try (McpSyncClient mallory = harness.client(harness.token("mallory"))) {
      alice.subscribeResource(new McpSchema.SubscribeRequest(FakeFeatureUpstream.WATCHED_URI));
      mallory.unsubscribeResource(
          new McpSchema.UnsubscribeRequest(FakeFeatureUpstream.WATCHED_URI));
      mallory.unsubscribeResource(
          new McpSchema.UnsubscribeRequest(FakeFeatureUpstream.WATCHED_URI));
      assertThat(harness.gateway().answers().subscribers(FakeFeatureUpstream.WATCHED_URI))
          .isEqualTo(1);
      upstream.bumpCounter();
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(updates)
                      .anyMatch(c -> c.uri().equals(FakeFeatureUpstream.WATCHED_URI)));
    } finally {
      alice.close();
    }
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> harness.gateway().answers().subscribers(FakeFeatureUpstream.WATCHED_URI) == 0);
  }

  @Test
  void aStdioSessionReleasesItsSubscriptionsWhenItsInputEnds() throws Exception {
    AgentIdentity agent =
        ((TokenCheck.Valid) harness.gateway().verifier().check(harness.token("stdio-agent")))
            .agent();
    java.io.PipedOutputStream typed = new java.io.PipedOutputStream();
    java.io.PipedInputStream in = new java.io.PipedInputStream(typed, 1 << 16);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    Thread door =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    new dev.gatehouse.server.StdioFrontDoor(harness.gateway()).run(agent, in, out);
                  } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                  }
                });
    for (String line :
        List.of(
            """
            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",\
            "capabilities":{},"clientInfo":{"name":"stdio-test","version":"1"}}}""",
            "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"resources/subscribe\",\"params\":{\"uri\":\""
                + FakeFeatureUpstream.WATCHED_URI
                + "\"}}")) {
      typed.write((line + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
      typed.flush();
    }
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> out.toString(java.nio.charset.StandardCharsets.UTF_8).contains("\"id\":2"));
    assertThat(harness.gateway().answers().subscribers(FakeFeatureUpstream.WATCHED_URI))
        .isEqualTo(1);
    typed.close();
    assertThat(door.join(Duration.ofSeconds(10))).isTrue();
    assertThat(harness.gateway().answers().subscribers(FakeFeatureUpstream.WATCHED_URI)).isZero();
  }
}
