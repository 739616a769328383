package dev.gatehouse.server.httpapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.server.testing.FakeHttpApi;
import dev.gatehouse.server.testing.FakeHttpApi.Reply;
import dev.gatehouse.server.testing.GatewayHarness;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each kind of HTTP API auth, with the key injected from the vault, against an API that echoes
 * everything it received — plain and base64, URL and hex encoded. The API gets the key; the agent
 * only ever sees {@code [REDACTED:API_KEY]}.
 */
class HostileHttpApiTest {
  static final String API_KEY = "hk-" + "Pq7Wm3Zr9Ld2Xs5Nv8Bt4Cy1";
  static final String ENCODED_ECHO = "/encoded";
  static final String PADDED_ECHO = "/padded";

  @TempDir static Path data;
  static FakeHttpApi api;
  static GatewayHarness harness;
  static McpSyncClient client;

  @BeforeAll
  static void start() throws Exception {
    api = new FakeHttpApi().start();
    api.route(ENCODED_ECHO, HostileHttpApiTest::encodedEcho);
    api.route(PADDED_ECHO, HostileHttpApiTest::paddedEcho);
    try (var seed = GatewayHarness.start(data, List.of())) {
      seed.gateway().vault().put("API_KEY", API_KEY);
    }
    String tools =
        """
            tools:
              - { name: whoami, method: GET, path: /whoami, query: [q], headers: { X-Note: note } }
              - { name: encoded, method: GET, path: /encoded }
              - { name: fail, method: GET, path: /encoded, query: [fail] }
        """;
    var upstreams =
        HttpApiConfigs.upstreams(
            data.resolve("config"),
            ("""
            upstreams:
              hdr:
                type: http-api
                base_url: %1$s
                auth: { header: X-Api-Key, value: "${secret:API_KEY}" }
            """
                    + tools
                    + """
              bear:
                type: http-api
                base_url: %1$s
                auth: { bearer: "${secret:API_KEY}" }
            """
                    + tools
                    + """
              basic:
                type: http-api
                base_url: %1$s
                auth: { basic: { user: bot, password: "${secret:API_KEY}" } }
            """
                    + tools
                    + """
              qry:
                type: http-api
                base_url: %1$s
                auth: { query: api_key, value: "${secret:API_KEY}" }
                headers: { X-Signed: "key=${secret:API_KEY}" }
            """
                    + tools
                    + """
              cut:
                type: http-api
                base_url: %1$s
                auth: { header: X-Api-Key, value: "${secret:API_KEY}" }
                max_response_bytes: 4096
                tools:
                  - { name: padded, method: GET, path: /padded, query: [pad, fail] }
            """)
                .formatted(api.url()));
    harness = GatewayHarness.start(data, upstreams);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> harness.door().serves("qry__whoami") && harness.door().serves("basic__whoami"));
    client = harness.client(harness.token("curious"));
  }

  /** Echoes the request's headers and query in several encodings; as an error when asked. */
  private static Reply encodedEcho(FakeHttpApi.Received seen) {
    String all = seen.headers() + " " + seen.rawQuery();
    byte[] bytes = all.getBytes(StandardCharsets.UTF_8);
    String body =
        all
            + "\nb64:"
            + Base64.getEncoder().encodeToString(bytes)
            + "\nurl:"
            + URLEncoder.encode(all, StandardCharsets.UTF_8)
            + "\nhex:"
            + HexFormat.of().formatHex(bytes);
    boolean fail = seen.rawQuery() != null && seen.rawQuery().contains("fail=yes");
    return Reply.text(fail ? 500 : 200, body);
  }

  /** Answers {@code pad} x's, then the injected key; with {@code fail=yes} as an error. */
  private static Reply paddedEcho(FakeHttpApi.Received seen) {
    java.util.Map<String, String> query = new java.util.HashMap<>();
    for (String pair : seen.rawQuery().split("&")) {
      query.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
    }
    String body = "x".repeat(Integer.parseInt(query.get("pad"))) + seen.headers().get("x-api-key");
    return Reply.text("yes".equals(query.get("fail")) ? 500 : 200, body + " and more");
  }

  @AfterAll
  static void stop() throws Exception {
    client.close();
    harness.close();
    api.close();
  }

  private static List<String> forms(String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    return List.of(
        value,
        Base64.getEncoder().encodeToString(bytes),
        URLEncoder.encode(value, StandardCharsets.UTF_8),
        HexFormat.of().formatHex(bytes));
  }

  private static void assertClean(CallToolResult result) throws Exception {
    String seen = new ObjectMapper().writeValueAsString(result);
    forms(API_KEY).forEach(form -> assertThat(seen).doesNotContain(form));
    String basic =
        Base64.getEncoder().encodeToString(("bot:" + API_KEY).getBytes(StandardCharsets.UTF_8));
    assertThat(seen).doesNotContain(basic).doesNotContain(basic.replace("=", ""));
    assertThat(seen).contains("[REDACTED:API_KEY]");
  }

  @ParameterizedTest
  @ValueSource(strings = {"hdr", "bear", "basic", "qry"})
  void theApiGetsTheKeyAndTheAgentOnlyItsMask(String upstream) throws Exception {
    int before = api.received().size();
    CallToolResult result =
        client.callTool(new CallToolRequest(upstream + "__whoami", Map.of("q", "1")));
    assertThat(result.isError()).isFalse();
    FakeHttpApi.Received received = api.received().get(before);
    String wire = received.headers() + " " + received.rawQuery();
    String expected =
        switch (upstream) {
          case "basic" ->
              Base64.getEncoder()
                  .encodeToString(("bot:" + API_KEY).getBytes(StandardCharsets.UTF_8));
          default -> API_KEY;
        };
    assertThat(wire).contains(expected);
    assertClean(result);
  }

  @ParameterizedTest
  @ValueSource(strings = {"hdr", "bear", "basic", "qry"})
  void encodedEchoesAreMaskedInResultsAndErrors(String upstream) throws Exception {
    assertClean(client.callTool(new CallToolRequest(upstream + "__encoded", Map.of())));
    CallToolResult failed =
        client.callTool(new CallToolRequest(upstream + "__fail", Map.of("fail", "yes")));
    assertThat(failed.isError()).isTrue();
    assertClean(failed);
  }

  @Test
  void aBodyCutInTheMiddleOfTheKeyKeepsNoPartOfIt() {
    // 4096 bytes: the cut falls 6 characters into the key
    CallToolResult cut = client.callTool(new CallToolRequest("cut__padded", Map.of("pad", "4090")));
    String text = ((McpSchema.TextContent) cut.content().get(0)).text();
    assertThat(text)
        .endsWith("x\n[truncated at 4096 bytes]")
        .doesNotContain(API_KEY.substring(0, 3));
    // an error body is cut at 2000 characters: 10 characters into the key
    CallToolResult failed =
        client.callTool(new CallToolRequest("cut__padded", Map.of("pad", "1990", "fail", "yes")));
    String error = ((McpSchema.TextContent) failed.content().get(0)).text();
    assertThat(failed.isError()).isTrue();
    assertThat(error)
        .startsWith("HTTP 500: xxx")
        .endsWith("x...")
        .doesNotContain(API_KEY.substring(0, 3));
  }

  @Test
  void theAuditTrailRecordsTheMaskingButNeverTheKey() throws Exception {
    client.callTool(new CallToolRequest("bear__encoded", Map.of()));
    client.callTool(new CallToolRequest("hdr__fail", Map.of("fail", "yes")));
    assertThat(harness.gateway().audit().tail(10))
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
                            "select agent || tool || upstream || outcome || kind || rule_id"
                                + " || reason || findings from audit_records")
                        .mapTo(String.class)
                        .list());
    String everything = String.join("\n", rows);
    forms(API_KEY).forEach(form -> assertThat(everything).doesNotContain(form));
  }

  @Test
  void anArgumentThatLooksLikeAReferenceIsSentLiterally() {
    int before = api.received().size();
    client.callTool(
        new CallToolRequest(
            "hdr__whoami", Map.of("q", "${secret:API_KEY}", "note", "${secret:API_KEY}")));
    FakeHttpApi.Received received = api.received().get(before);
    assertThat(received.rawQuery()).isEqualTo("q=%24%7Bsecret%3AAPI_KEY%7D");
    assertThat(received.headers()).containsEntry("x-note", "${secret:API_KEY}");
  }

  @Test
  void aSecretInADefaultHeaderIsInjectedToo() {
    int before = api.received().size();
    client.callTool(new CallToolRequest("qry__whoami", Map.of()));
    assertThat(api.received().get(before).headers()).containsEntry("x-signed", "key=" + API_KEY);
  }
}
