package dev.gatehouse.server.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.connectors.UpstreamSpec;
import dev.gatehouse.server.audit.AuditRecord;
import dev.gatehouse.server.testing.FakeHttpUpstream;
import dev.gatehouse.server.testing.FakeStdioUpstream;
import dev.gatehouse.server.testing.GatewayHarness;
import dev.gatehouse.server.testing.RawMcpSession;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Upstreams that echo back the credentials Gatehouse injected — in headers and in the environment,
 * plain and encoded, in text, resources, structured content and error results. The agent, the audit
 * trail and the log never see a value.
 */
class HostileUpstreamTest {
  static final String API_KEY = "ak-" + "Zq8Rw2Lp9Xt4Vn7Bc1Md6Hs3";
  static final String ENV_KEY = "ek-" + "Yh5Tg8Kf2Wd9Qs1Pl4Oj7Ia0";

  @TempDir static Path data;
  static FakeHttpUpstream http;
  static GatewayHarness harness;
  static McpSyncClient client;

  @BeforeAll
  static void start() throws Exception {
    http = new FakeHttpUpstream().start();
    try (var seed = GatewayHarness.start(data, List.of())) {
      seed.gateway().vault().put("API_KEY", API_KEY);
      seed.gateway().vault().put("ENV_KEY", ENV_KEY);
    }
    UpstreamSpec.Http leakyHttp =
        new UpstreamSpec.Http(
            "leaky",
            Optional.of("leaky"),
            Duration.ofSeconds(30),
            URI.create(http.url()),
            Map.of("X-Api-Key", "${secret:API_KEY}"));
    UpstreamSpec.Stdio leakyStdio =
        GatewayHarness.stdio(
            "kid", FakeStdioUpstream.commandLine(), Map.of("API_KEY", "${secret:ENV_KEY}"));
    harness = GatewayHarness.start(data, List.of(leakyHttp, leakyStdio));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                harness.door().serves("leaky__leak_header")
                    && harness.door().serves("kid__leak_env"));
    client = harness.client(harness.token("curious"));
  }

  @AfterAll
  static void stop() throws Exception {
    client.close();
    harness.close();
    http.close();
  }

  private static List<String> forms(String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    return List.of(
        value,
        Base64.getEncoder().encodeToString(bytes),
        URLEncoder.encode(value, StandardCharsets.UTF_8),
        HexFormat.of().formatHex(bytes));
  }

  private static String json(Object value) throws Exception {
    return new ObjectMapper().writeValueAsString(value);
  }

  @Test
  void theUpstreamReallyReceivedTheInjectedHeader() {
    assertThat(http.requestHeaders()).anyMatch(h -> API_KEY.equals(h.get("x-api-key")));
  }

  @Test
  void anEchoedHeaderIsMaskedEverywhereInTheResult() throws Exception {
    for (boolean asError : new boolean[] {false, true}) {
      McpSchema.CallToolResult result =
          client.callTool(
              new CallToolRequest(
                  "leaky__leak_header", Map.of("header", "X-Api-Key", "as_error", asError)));
      String seen = json(result);
      forms(API_KEY).forEach(form -> assertThat(seen).doesNotContain(form));
      assertThat(seen).contains("[REDACTED:API_KEY]");
      assertThat(result.isError()).isEqualTo(asError);
    }
  }

  @Test
  void whatTheUpstreamSendsDuringTheCallIsMaskedAndRecorded() throws Exception {
    List<Object> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (McpSyncClient listener =
        harness.client(
            harness.token("listener"),
            spec ->
                spec.capabilities(
                        McpSchema.ClientCapabilities.builder().sampling().elicitation().build())
                    .progressConsumer(seen::add)
                    .loggingConsumer(seen::add)
                    .sampling(
                        request -> {
                          seen.add(request);
                          return McpSchema.CreateMessageResult.builder()
                              .role(McpSchema.Role.ASSISTANT)
                              .content(new McpSchema.TextContent("ok"))
                              .model("test-model")
                              .build();
                        })
                    .elicitation(
                        request -> {
                          seen.add(request);
                          return new McpSchema.ElicitResult(
                              McpSchema.ElicitResult.Action.DECLINE, null);
                        }))) {
      McpSchema.CallToolResult result =
          listener.callTool(
              CallToolRequest.builder()
                  .name("leaky__leak_mid_call")
                  .arguments(Map.of("header", "X-Api-Key"))
                  .progressToken("mid-call")
                  .build());
      assertThat(((McpSchema.TextContent) result.content().get(0)).text()).isEqualTo("told");
      await()
          .atMost(Duration.ofSeconds(5))
          .until(
              () ->
                  seen.stream().anyMatch(m -> m instanceof McpSchema.ProgressNotification)
                      && seen.stream()
                          .anyMatch(m -> m instanceof McpSchema.LoggingMessageNotification));
    }
    assertThat(seen)
        .hasAtLeastOneElementOfType(McpSchema.CreateMessageRequest.class)
        .hasAtLeastOneElementOfType(McpSchema.ElicitRequest.class);
    for (Object message : seen) {
      String text = json(message);
      forms(API_KEY).forEach(form -> assertThat(text).doesNotContain(form));
      assertThat(text).contains("[REDACTED:API_KEY]");
    }
    assertThat(harness.gateway().audit().tail(20))
        .anyMatch(
            r ->
                r.agent().equals("listener")
                    && r.findings()
                        .containsAll(
                            List.of(
                                new dev.gatehouse.shield.Finding("vault-secret:API_KEY", "/log"),
                                new dev.gatehouse.shield.Finding(
                                    "vault-secret:API_KEY", "/progress"),
                                new dev.gatehouse.shield.Finding(
                                    "vault-secret:API_KEY", "/sampling"),
                                new dev.gatehouse.shield.Finding(
                                    "vault-secret:API_KEY", "/elicitation"))));
  }

  @Test
  void anEchoedEnvironmentIsMaskedInAnErrorResult() throws Exception {
    McpSchema.CallToolResult result =
        client.callTool(new CallToolRequest("kid__leak_env", Map.of()));
    String seen = json(result);
    forms(ENV_KEY).forEach(form -> assertThat(seen).doesNotContain(form));
    assertThat(seen).contains("[REDACTED:ENV_KEY]");
  }

  @Test
  void anArgumentThatLooksLikeAReferenceIsPassedLiterally() throws Exception {
    McpSchema.CallToolResult result =
        client.callTool(new CallToolRequest("leaky__echo", Map.of("text", "${secret:API_KEY}")));
    assertThat(((McpSchema.TextContent) result.content().get(0)).text())
        .isEqualTo("echo: ${secret:API_KEY}");
  }

  @Test
  void theRawHttpStreamCarriesNoSecretEither() throws Exception {
    RawMcpSession session = new RawMcpSession(harness.mcpUri(), harness.token("raw")).open();
    String body =
        session
            .post(RawMcpSession.toolCall(5, "leaky__leak_header", "{\"header\":\"X-Api-Key\"}"))
            .body();
    forms(API_KEY).forEach(form -> assertThat(body).doesNotContain(form));
  }

  @Test
  void theAuditTrailRecordsTheMaskingButNotTheValue() throws Exception {
    client.callTool(new CallToolRequest("leaky__leak_header", Map.of("header", "X-Api-Key")));
    List<AuditRecord> records = harness.gateway().audit().tail(50);
    assertThat(records)
        .anyMatch(
            r -> r.findings().stream().anyMatch(f -> f.detector().equals("vault-secret:API_KEY")));
    List<String> rows =
        harness
            .gateway()
            .database()
            .jdbi()
            .withHandle(
                h ->
                    h.createQuery(
                            "select agent || tool || outcome || kind || rule_id || reason || findings from audit_records")
                        .mapTo(String.class)
                        .list());
    String all = String.join("\n", rows);
    forms(API_KEY).forEach(form -> assertThat(all).doesNotContain(form));
    forms(ENV_KEY).forEach(form -> assertThat(all).doesNotContain(form));
  }

  @Test
  void logLinesAreMaskedByTheShippedLogConfiguration() {
    LoggerContext context = (LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
    ch.qos.logback.core.ConsoleAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender =
        (ch.qos.logback.core.ConsoleAppender<ch.qos.logback.classic.spi.ILoggingEvent>)
            context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("text");
    ch.qos.logback.classic.Logger logger = context.getLogger("test.hostile");
    LoggingEvent event =
        new LoggingEvent(
            getClass().getName(),
            logger,
            Level.WARN,
            "upstream said: {}",
            new IllegalStateException("failed with " + API_KEY),
            new Object[] {
              "token "
                  + API_KEY
                  + " and "
                  + Base64.getEncoder().encodeToString(ENV_KEY.getBytes(StandardCharsets.UTF_8))
            });
    String line = new String(appender.getEncoder().encode(event), StandardCharsets.UTF_8);
    assertThat(line)
        .contains("upstream said")
        .contains("[REDACTED:API_KEY]")
        .contains("[REDACTED:ENV_KEY]");
    assertThat(line).doesNotContain(API_KEY).contains("IllegalStateException");
  }
}
