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
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real MCP client calls an HTTP API through the real gateway: arguments land in the path, query,
 * headers and body; responses come back as structured content, text or a description; retries,
 * redirects and the size cap behave.
 */
class HttpApiRelayTest {
  @TempDir static Path data;
  static FakeHttpApi api;
  static FakeHttpApi elsewhere;
  static GatewayHarness harness;
  static McpSyncClient client;
  static final AtomicInteger flaky = new AtomicInteger();
  static final AtomicInteger limited = new AtomicInteger();

  @BeforeAll
  static void start() throws Exception {
    api = new FakeHttpApi().start();
    elsewhere = new FakeHttpApi().start();
    api.route(
            "/v1/flaky",
            r ->
                flaky.incrementAndGet() <= 2
                    ? Reply.text(503, "busy")
                    : Reply.json(200, "{\"ok\":true}"))
        .route("/v1/flaky-post", r -> Reply.text(503, "busy"))
        .route(
            "/v1/limited",
            r ->
                limited.incrementAndGet() == 1
                    ? new Reply(429, Map.of("Retry-After", "1"), new byte[0])
                    : Reply.json(200, "{\"after\":\"wait\"}"))
        .route("/v1/big", r -> Reply.text(200, "x".repeat(5000)))
        .route("/v1/list", r -> Reply.json(200, "[{\"n\":1},{\"n\":2}]"))
        .route("/v1/missing", r -> Reply.json(404, "{\"message\":\"Not Found\"}"))
        .route(
            "/v1/picture",
            r -> new Reply(200, Map.of("Content-Type", "image/png"), new byte[] {1, 2, 3, 4, 5}))
        .route("/v1/hop", r -> new Reply(302, Map.of("Location", "/v1/landed"), new byte[0]))
        .route(
            "/v1/away",
            r -> new Reply(302, Map.of("Location", elsewhere.url() + "/stolen"), new byte[0]));
    var upstreams =
        HttpApiConfigs.upstreams(
            data.resolve("config"),
            """
            upstreams:
              api:
                type: http-api
                base_url: %s/v1
                headers: { X-Team: platform }
                max_response_bytes: 1024
                timeout: 10s
                tools:
                  - name: get_item
                    description: Get one item
                    method: GET
                    path: /items/{id}
                    query: [fields, {limit: integer}, {tags: array}]
                    headers: { X-Request-Id: request_id }
                  - { name: create_item, method: POST, path: /items, body: [title, {count: integer}] }
                  - { name: patch_item, method: PATCH, path: "/items/{id}", body: "*" }
                  - { name: flaky, method: GET, path: /flaky }
                  - { name: flaky_post, method: POST, path: /flaky-post }
                  - { name: limited, method: GET, path: /limited }
                  - { name: big, method: GET, path: /big }
                  - { name: list, method: GET, path: /list }
                  - { name: missing, method: GET, path: /missing }
                  - { name: picture, method: GET, path: /picture }
                  - { name: hop, method: GET, path: /hop }
                  - { name: away, method: GET, path: /away }
            """
                .formatted(api.url()));
    harness = GatewayHarness.start(data, upstreams);
    await().atMost(Duration.ofSeconds(20)).until(() -> harness.door().serves("api__get_item"));
    client = harness.client(harness.token("http-agent"));
  }

  @AfterAll
  static void stop() throws Exception {
    client.close();
    harness.close();
    api.close();
    elsewhere.close();
  }

  static CallToolResult call(String tool, Map<String, Object> args) {
    return client.callTool(new CallToolRequest(tool, args));
  }

  static String text(CallToolResult result) {
    return ((McpSchema.TextContent) result.content().get(0)).text();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> structured(CallToolResult result) {
    return (Map<String, Object>) result.structuredContent();
  }

  @Test
  void listsEachOperationWithAGeneratedSchema() {
    McpSchema.Tool getItem =
        client.listTools().tools().stream()
            .filter(t -> t.name().equals("api__get_item"))
            .findFirst()
            .orElseThrow();
    assertThat(getItem.description()).isEqualTo("Get one item");
    Map<String, Object> schema = getItem.inputSchema();
    assertThat(schema.get("required")).isEqualTo(List.of("id"));
    assertThat(((Map<?, ?>) schema.get("properties")).keySet().stream().map(String::valueOf))
        .containsExactlyInAnyOrder("id", "fields", "limit", "tags", "request_id");
    assertThat(((Map<?, ?>) schema.get("properties")).get("limit"))
        .isEqualTo(Map.of("type", "integer"));
    assertThat(schema.get("additionalProperties")).isEqualTo(false);
  }

  @Test
  void placesArgumentsInThePathQueryAndHeaders() {
    CallToolResult result =
        call(
            "api__get_item",
            Map.of(
                "id", "42",
                "fields", "a b&c=d",
                "limit", 5,
                "tags", List.of("x", "y"),
                "request_id", "req-1"));
    assertThat(result.isError()).isFalse();
    Map<String, Object> seen = structured(result);
    assertThat(seen.get("method")).isEqualTo("GET");
    assertThat(seen.get("rawPath")).isEqualTo("/v1/items/42");
    assertThat(seen.get("rawQuery")).isEqualTo("fields=a%20b%26c%3Dd&limit=5&tags=x&tags=y");
    @SuppressWarnings("unchecked")
    Map<String, String> headers = (Map<String, String>) seen.get("headers");
    assertThat(headers).containsEntry("x-request-id", "req-1").containsEntry("x-team", "platform");
    assertThat(text(result)).contains("\"rawPath\":\"/v1/items/42\"");
  }

  @Test
  void sendsTheNamedArgumentsOrTheRestAsAJsonBody() throws Exception {
    CallToolResult created = call("api__create_item", Map.of("title", "hello", "count", 3));
    Map<String, Object> seen = structured(created);
    assertThat(seen.get("method")).isEqualTo("POST");
    assertThat(new ObjectMapper().readValue((String) seen.get("body"), Map.class))
        .isEqualTo(Map.of("title", "hello", "count", 3));
    @SuppressWarnings("unchecked")
    Map<String, String> headers = (Map<String, String>) seen.get("headers");
    assertThat(headers.get("content-type")).startsWith("application/json");

    CallToolResult patched =
        call("api__patch_item", Map.of("id", "7", "state", "closed", "labels", List.of("a")));
    Map<String, Object> patchSeen = structured(patched);
    assertThat(patchSeen.get("rawPath")).isEqualTo("/v1/items/7");
    assertThat(new ObjectMapper().readValue((String) patchSeen.get("body"), Map.class))
        .isEqualTo(Map.of("state", "closed", "labels", List.of("a")));
  }

  @Test
  void pathParametersStayOneSegment() {
    for (String hostile :
        List.of("../admin", "a/b", "x?admin=1", "x#frag", "%2F..%2Fadmin", "a\\b")) {
      CallToolResult result = call("api__get_item", Map.of("id", hostile));
      assertThat(result.isError()).as(hostile).isFalse();
      String path = (String) structured(result).get("rawPath");
      assertThat(path).as(hostile).startsWith("/v1/items/");
      String segment = path.substring("/v1/items/".length());
      assertThat(segment).as(hostile).doesNotContain("/", "?", "#", "\\");
      assertThat(structured(result).get("rawQuery")).as(hostile).isNull();
      assertThat(
              java.net.URLDecoder.decode(
                  segment.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8))
          .as(hostile)
          .isEqualTo(hostile);
    }
    for (String dots : List.of("..", ".", "")) {
      int before = api.received().size();
      CallToolResult result = call("api__get_item", Map.of("id", dots));
      assertThat(result.isError()).isTrue();
      assertThat(text(result)).contains("may not be empty, '.' or '..'");
      assertThat(api.received()).hasSize(before);
    }
  }

  @Test
  void aHeaderValueWithALineBreakIsRefusedBeforeAnythingIsSent() {
    int before = api.received().size();
    CallToolResult result =
        call("api__get_item", Map.of("id", "1", "request_id", "x\r\nX-Admin: true"));
    assertThat(result.isError()).isTrue();
    assertThat(text(result)).contains("X-Request-Id").contains("line break");
    assertThat(api.received()).hasSize(before);
  }

  @Test
  void retriesAnIdempotentCallOnA503() {
    CallToolResult result = call("api__flaky", Map.of());
    assertThat(result.isError()).isFalse();
    assertThat(structured(result)).isEqualTo(Map.of("ok", true));
    assertThat(api.receivedAt("/v1/flaky")).hasSize(3);
  }

  @Test
  void neverRetriesAPost() {
    CallToolResult result = call("api__flaky_post", Map.of());
    assertThat(result.isError()).isTrue();
    assertThat(text(result)).isEqualTo("HTTP 503: busy");
    assertThat(api.receivedAt("/v1/flaky-post")).hasSize(1);
  }

  @Test
  void waitsAsLongAsRetryAfterSays() {
    long started = System.nanoTime();
    CallToolResult result = call("api__limited", Map.of());
    assertThat(result.isError()).isFalse();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofMillis(900));
    assertThat(api.receivedAt("/v1/limited")).hasSize(2);
  }

  @Test
  void cutsALongBodyWithAMarker() {
    CallToolResult result = call("api__big", Map.of());
    assertThat(result.isError()).isFalse();
    assertThat(text(result)).startsWith("xxx").endsWith("[truncated at 1024 bytes]");
    assertThat(text(result)).hasSize(1024 + "\n[truncated at 1024 bytes]".length());
  }

  @Test
  void wrapsAJsonArrayAsItems() {
    CallToolResult result = call("api__list", Map.of());
    assertThat(structured(result))
        .isEqualTo(Map.of("items", List.of(Map.of("n", 1), Map.of("n", 2))));
  }

  @Test
  void aStatusOutside2xxIsAnErrorResult() {
    CallToolResult result = call("api__missing", Map.of());
    assertThat(result.isError()).isTrue();
    assertThat(text(result)).isEqualTo("HTTP 404: {\"message\":\"Not Found\"}");
  }

  @Test
  void describesABinaryBody() {
    assertThat(text(call("api__picture", Map.of()))).isEqualTo("5 bytes of image/png");
  }

  @Test
  void followsARedirectOnTheSameOriginOnly() {
    CallToolResult hop = call("api__hop", Map.of());
    assertThat(structured(hop).get("rawPath")).isEqualTo("/v1/landed");

    CallToolResult away = call("api__away", Map.of());
    assertThat(away.isError()).isTrue();
    assertThat(text(away)).contains("redirected to another host");
    assertThat(text(away)).doesNotContain(elsewhere.url());
    assertThat(elsewhere.received()).isEmpty();
  }

  @Test
  void reportsTheBreakerInTheUpstreamStatus() {
    var status =
        harness.gateway().upstreams().stream()
            .filter(u -> u.name().equals("api"))
            .findFirst()
            .orElseThrow()
            .status();
    assertThat(status.type()).isEqualTo("http-api");
    assertThat(status.detail()).contains("circuit closed");
    assertThat(harness.gateway().metrics().scrape())
        .contains("gatehouse_upstream_breaker_state{upstream=\"api\"} 0.0");
  }
}
