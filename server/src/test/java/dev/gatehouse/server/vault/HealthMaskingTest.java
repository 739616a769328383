package dev.gatehouse.server.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.connectors.UpstreamSpec;
import dev.gatehouse.server.testing.FakeHttpApi;
import dev.gatehouse.server.testing.GatewayHarness;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /healthz} answers without a login: upstreams whose error answers echo the credential
 * Gatehouse injected (the SSE and Streamable HTTP transports put the body in their error) show
 * there with the credential masked.
 */
class HealthMaskingTest {
  static final String API_KEY = "hk-" + "Pm4Nb7Vc2Xz9Lk3Jh6Gf";

  @TempDir Path data;

  @Test
  void anUpstreamErrorThatEchoesTheInjectedHeaderIsMaskedInHealthz() throws Exception {
    try (FakeHttpApi api = new FakeHttpApi().start()) {
      api.route(
          "/sse",
          seen ->
              new FakeHttpApi.Reply(
                  200,
                  Map.of("Content-Type", "text/event-stream"),
                  "event: endpoint\ndata: /message\n\n".getBytes(StandardCharsets.UTF_8)));
      api.route(
          "/message",
          seen -> FakeHttpApi.Reply.text(400, "bad key " + seen.headers().get("x-api-key")));
      try (var seed = GatewayHarness.start(data, List.of())) {
        seed.gateway().vault().put("API_KEY", API_KEY);
      }
      api.route(
          "/mcp",
          seen -> FakeHttpApi.Reply.text(500, "bad key " + seen.headers().get("x-api-key")));
      UpstreamSpec.Http other =
          new UpstreamSpec.Http(
              "other",
              Optional.of("other"),
              Duration.ofSeconds(30),
              URI.create(api.url() + "/mcp"),
              Map.of("X-Api-Key", "${secret:API_KEY}"));
      UpstreamSpec.Sse refusing =
          new UpstreamSpec.Sse(
              "refusing",
              Optional.of("refusing"),
              Duration.ofSeconds(30),
              URI.create(api.url() + "/sse"),
              Map.of("X-Api-Key", "${secret:API_KEY}"));
      try (GatewayHarness harness = GatewayHarness.start(data, List.of(refusing, other))) {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest healthz =
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + harness.port() + "/healthz"))
                .build();
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    harness.door().status().upstreams().stream()
                        .allMatch(u -> u.detail().contains("bad key")));
        assertThat(api.received()).anyMatch(r -> API_KEY.equals(r.headers().get("x-api-key")));
        String body = http.send(healthz, HttpResponse.BodyHandlers.ofString()).body();
        assertThat(body).doesNotContain(API_KEY);
        assertThat(body).contains("bad key [REDACTED:API_KEY]");
        assertThat(harness.door().status().upstreams())
            .allMatch(u -> u.detail().contains("bad key [REDACTED:API_KEY]"));
      }
    }
  }
}
