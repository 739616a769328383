package dev.gatehouse.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.server.config.GatehouseConfig;
import dev.gatehouse.server.config.ServerSettings;
import dev.gatehouse.server.testing.GatewayHarness;
import dev.gatehouse.server.testing.RawMcpSession;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every session the SDK hands out has an owner, whatever the initialize carried, and a session id
 * without one is refused: another agent cannot use a session on any verb.
 */
class SessionOwnershipTest {
  private static final String TOOLS_LIST =
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}";
  private static final String PROMPTS_LIST =
      "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"prompts/list\"}";
  private static final String CANCEL =
      "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":7}}";
  private static final String INITIALIZED =
      "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}";

  @TempDir static Path data;
  static GatewayHarness harness;
  static String alice;
  static String mallory;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    harness = GatewayHarness.start(data, List.of());
    alice = harness.token("alice");
    mallory = harness.token("mallory");
  }

  @AfterAll
  static void stop() throws Exception {
    harness.close();
  }

  private HttpResponse<String> send(String token, String method, String sessionId, String body)
      throws Exception {
    return send(harness, token, method, sessionId, body);
  }

  private HttpResponse<String> send(
      GatewayHarness gateway, String token, String method, String sessionId, String body)
      throws Exception {
    HttpRequest.Builder request =
        new RawMcpSession(gateway.mcpUri(), token)
            .request(body)
            .method(method, HttpRequest.BodyPublishers.ofString(body));
    if (sessionId != null) {
      request.setHeader("Mcp-Session-Id", sessionId);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Initializes as {@code token} sending {@code sessionHeader}; the id the SDK handed out. */
  private String initializeWith(String token, String sessionHeader) throws Exception {
    HttpResponse<String> response = send(token, "POST", sessionHeader, RawMcpSession.INITIALIZE);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    String session = response.headers().firstValue("Mcp-Session-Id").orElseThrow();
    assertThat(send(token, "POST", session, INITIALIZED).statusCode()).isEqualTo(202);
    return session;
  }

  private void assertOnlyAliceCanUse(String session) throws Exception {
    assertThat(send(mallory, "POST", session, TOOLS_LIST).statusCode()).isEqualTo(403);
    assertThat(send(mallory, "POST", session, PROMPTS_LIST).statusCode()).isEqualTo(403);
    assertThat(send(mallory, "POST", session, CANCEL).statusCode()).isEqualTo(403);
    assertThat(send(mallory, "GET", session, "").statusCode()).isEqualTo(403);
    assertThat(send(mallory, "DELETE", session, "").statusCode()).isEqualTo(403);
    HttpResponse<String> own = send(alice, "POST", session, TOOLS_LIST);
    assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
    assertThat(own.body()).contains("\"tools\"");
  }

  @Test
  void anInitializeCarryingABlankSessionIdOpensASessionOwnedByItsAgent() throws Exception {
    assertOnlyAliceCanUse(initializeWith(alice, ""));
  }

  @Test
  void anInitializeOnAnOwnSessionOpensANewSessionOwnedByItsAgent() throws Exception {
    String first = initializeWith(alice, null);
    String second = initializeWith(alice, first);
    assertThat(second).isNotEqualTo(first);
    assertOnlyAliceCanUse(second);
    assertOnlyAliceCanUse(first);
  }

  @Test
  void aSessionIdNoAgentOwnsIsNotFoundOnEveryVerb() throws Exception {
    String madeUp = "00000000-0000-0000-0000-000000000000";
    assertThat(send(mallory, "POST", madeUp, RawMcpSession.INITIALIZE).statusCode()).isEqualTo(404);
    assertThat(send(mallory, "POST", madeUp, TOOLS_LIST).statusCode()).isEqualTo(404);
    assertThat(send(mallory, "POST", madeUp, CANCEL).statusCode()).isEqualTo(404);
    assertThat(send(mallory, "GET", madeUp, "").statusCode()).isEqualTo(404);
    assertThat(send(mallory, "DELETE", madeUp, "").statusCode()).isEqualTo(404);
  }

  @Test
  void aDeletedSessionIsNotFoundForItsOwnerToo() throws Exception {
    String session = initializeWith(alice, null);
    assertThat(send(alice, "DELETE", session, "").statusCode()).isEqualTo(200);
    HttpResponse<String> after = send(alice, "POST", session, TOOLS_LIST);
    assertThat(after.statusCode()).isEqualTo(404);
    assertThat(after.body()).contains("initialize a new session");
  }

  @Test
  void aSessionWithAnOpenStreamKeepsItsOwnerWhileTheSdkSweepsThousandsOfOthers() throws Exception {
    Path dir = data.resolve("sweeping");
    try (GatewayHarness sweeping =
        GatewayHarness.start(
            dir,
            List.of(),
            GatewayHarness.allowAll(dir.resolve("policies")),
            oneSecondSessions())) {
      String aliceHere = sweeping.token("alice");
      String malloryHere = sweeping.token("mallory");
      HttpResponse<String> opened =
          send(sweeping, aliceHere, "POST", null, RawMcpSession.INITIALIZE);
      String session = opened.headers().firstValue("Mcp-Session-Id").orElseThrow();
      send(sweeping, aliceHere, "POST", session, INITIALIZED);
      // The listening stream keeps the session alive in the SDK however long it is idle (its
      // headers come with the first event; a session swept meanwhile would fail the end).
      HttpRequest listen =
          new RawMcpSession(sweeping.mcpUri(), aliceHere)
              .request("")
              .setHeader("Accept", "text/event-stream")
              .setHeader("Mcp-Session-Id", session)
              .GET()
              .build();
      var stream = http.sendAsync(listen, HttpResponse.BodyHandlers.ofInputStream());

      await().pollDelay(Duration.ofSeconds(3)).until(() -> true); // idle over several sweeps
      for (int i = 0; i < 1_100; i++) { // more sessions than any bound the owners once had
        send(sweeping, malloryHere, "POST", null, RawMcpSession.INITIALIZE);
      }
      System.gc();

      assertThat(send(sweeping, malloryHere, "POST", session, TOOLS_LIST).statusCode())
          .isEqualTo(403);
      assertThat(send(sweeping, aliceHere, "POST", session, TOOLS_LIST).statusCode())
          .isEqualTo(200);
      stream.cancel(true);
    }
  }

  private static UnaryOperator<GatehouseConfig> oneSecondSessions() {
    return config -> {
      ServerSettings server = config.server();
      return new GatehouseConfig(
          config.source(),
          new ServerSettings(
              server.host(),
              server.port(),
              server.dataDir(),
              server.allowedHosts(),
              server.allowedOrigins(),
              Duration.ofSeconds(1)),
          config.upstreams(),
          config.policies(),
          config.vault(),
          config.secretReferences(),
          config.approvals(),
          config.cluster());
    };
  }
}
