package dev.gatehouse.server.httpapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.connectors.UpstreamException;
import dev.gatehouse.connectors.UpstreamSpec;
import dev.gatehouse.connectors.UpstreamState;
import dev.gatehouse.connectors.http.HttpApiUpstream;
import dev.gatehouse.server.testing.FakeHttpApi;
import dev.gatehouse.server.testing.FakeHttpApi.Reply;
import dev.gatehouse.shield.ClientChannel;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP API upstream on its own, against the fake API, with a clock the test moves and a sleeper
 * that records the waits instead of sleeping: the breaker's states and Retry-After.
 */
class HttpApiUpstreamTest {
  @TempDir Path dir;
  FakeHttpApi api;
  final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-30T01:00:00Z"));
  final InstantSource clock = () -> now.get();
  final List<Duration> waits = new CopyOnWriteArrayList<>();
  final AtomicReference<Reply> next = new AtomicReference<>(Reply.text(500, "down"));
  final CountDownLatch release = new CountDownLatch(1);

  @BeforeEach
  void start() throws Exception {
    api = new FakeHttpApi().start();
    api.route("/thing", r -> next.get());
    api.route(
        "/hang",
        r -> {
          try {
            release.await(20, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return Reply.text(200, "late");
        });
  }

  @AfterEach
  void stop() throws Exception {
    release.countDown();
    api.close();
  }

  private HttpApiUpstream upstream(String baseUrl) throws Exception {
    return upstream(baseUrl, "10s");
  }

  private HttpApiUpstream upstream(String baseUrl, String timeout) throws Exception {
    UpstreamSpec spec =
        HttpApiConfigs.upstreams(
                dir,
                """
                upstreams:
                  api:
                    type: http-api
                    base_url: %s
                    timeout: %s
                    retries: 2
                    breaker: { failures: 2, open_for: 30s }
                    tools:
                      - { name: thing, method: GET, path: /thing }
                      - { name: make, method: POST, path: /thing }
                      - { name: hang, method: GET, path: /hang }
                """
                    .formatted(baseUrl, timeout))
            .get(0);
    HttpApiUpstream upstream =
        new HttpApiUpstream(
            (UpstreamSpec.HttpApi) spec,
            s -> s,
            new ObjectMapper(),
            clock,
            new HttpApiUpstream.Options(
                HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build(),
                waits::add,
                Duration.ofMillis(100),
                RandomGenerator.of("L64X128MixRandom")));
    upstream.start();
    return upstream;
  }

  private static McpSchema.CallToolResult call(HttpApiUpstream upstream, String tool) {
    return upstream.call(tool, Map.of(), ClientChannel.NONE);
  }

  private static String text(McpSchema.CallToolResult result) {
    return ((McpSchema.TextContent) result.content().get(0)).text();
  }

  @Test
  void theBreakerOpensFailsFastHalfOpensAndClosesAgain() throws Exception {
    HttpApiUpstream upstream = upstream(api.url());
    assertThat(call(upstream, "make").isError()).isTrue();
    assertThat(call(upstream, "make").isError()).isTrue();
    assertThat(upstream.status().state()).isEqualTo(UpstreamState.DOWN);
    assertThat(upstream.status().detail()).contains("circuit open");
    assertThat(upstream.status().nextAttempt()).contains(now.get().plusSeconds(30));

    int sent = api.received().size();
    assertThatThrownBy(() -> call(upstream, "make"))
        .isInstanceOf(UpstreamException.class)
        .hasMessageContaining("circuit is open")
        .hasMessageContaining("retry in about 30 s");
    assertThat(api.received()).hasSize(sent);

    now.set(now.get().plusSeconds(30));
    assertThat(upstream.status().state()).isEqualTo(UpstreamState.READY);
    assertThat(upstream.status().detail()).contains("half-open");
    assertThat(call(upstream, "make").isError()).as("the trial fails").isTrue();
    assertThat(upstream.status().detail()).contains("circuit open");

    now.set(now.get().plusSeconds(30));
    next.set(Reply.json(200, "{\"fine\":true}"));
    assertThat(call(upstream, "make").isError()).isFalse();
    assertThat(upstream.status().detail()).contains("circuit closed");
  }

  @Test
  void aClientErrorDoesNotCountAgainstTheBreaker() throws Exception {
    HttpApiUpstream upstream = upstream(api.url());
    next.set(Reply.text(404, "no"));
    for (int i = 0; i < 5; i++) {
      assertThat(call(upstream, "make").isError()).isTrue();
    }
    assertThat(upstream.status().detail()).contains("circuit closed");
  }

  @Test
  void waitsWhatRetryAfterSaysInSecondsOrAsADate() throws Exception {
    HttpApiUpstream upstream = upstream(api.url());
    next.set(new Reply(503, Map.of("Retry-After", "3"), new byte[0]));
    call(upstream, "thing");
    assertThat(waits).containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(3));
    assertThat(api.receivedAt("/thing")).hasSize(3);

    waits.clear();
    String date =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            now.get().plusSeconds(5).atZone(ZoneOffset.UTC));
    next.set(new Reply(429, Map.of("Retry-After", date), new byte[0]));
    call(upstream, "thing");
    assertThat(waits).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(5));
  }

  @Test
  void aRetryAfterBeyondTheCallTimeoutEndsTheCallWithTheAnswer() throws Exception {
    HttpApiUpstream upstream = upstream(api.url());
    next.set(new Reply(503, Map.of("Retry-After", "120"), "later".getBytes()));
    McpSchema.CallToolResult result = call(upstream, "thing");
    assertThat(waits).isEmpty();
    assertThat(result.isError()).isTrue();
    assertThat(text(result)).isEqualTo("HTTP 503: later");
  }

  @Test
  void retriesAFailedConnectionThenSaysTheApiCannotBeReached() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    HttpApiUpstream upstream = upstream("http://127.0.0.1:" + closedPort);
    assertThatThrownBy(() -> call(upstream, "thing"))
        .isInstanceOf(UpstreamException.class)
        .hasMessage("upstream api cannot be reached");
    assertThat(waits).hasSize(2);
    assertThat(waits.get(1)).isGreaterThanOrEqualTo(Duration.ofMillis(100));
    waits.clear();
    assertThatThrownBy(() -> call(upstream, "make")).isInstanceOf(UpstreamException.class);
    assertThat(waits).as("a POST is not retried").isEmpty();
  }

  @Test
  void aCallThatOutlivesItsTimeoutEndsAsATimeout() throws Exception {
    HttpApiUpstream upstream = upstream(api.url(), "1s");
    long started = System.nanoTime();
    assertThatThrownBy(() -> call(upstream, "hang"))
        .isInstanceOf(UpstreamException.class)
        .hasMessage("upstream api did not answer in time")
        .extracting(e -> ((UpstreamException) e).reason())
        .isEqualTo(UpstreamException.Reason.TIMEOUT);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void anInterruptCancelsTheCallWithoutCountingAgainstTheBreaker() throws Exception {
    HttpApiUpstream upstream = upstream(api.url());
    for (int round = 1; round <= 3; round++) {
      AtomicReference<Throwable> thrown = new AtomicReference<>();
      int expected = round;
      Thread caller =
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      call(upstream, "hang");
                    } catch (Throwable t) {
                      thrown.set(t);
                    }
                  });
      await().atMost(Duration.ofSeconds(5)).until(() -> api.receivedAt("/hang").size() == expected);
      caller.interrupt();
      caller.join(Duration.ofSeconds(5));
      assertThat(thrown.get())
          .isInstanceOf(UpstreamException.class)
          .extracting(e -> ((UpstreamException) e).reason())
          .isEqualTo(UpstreamException.Reason.CANCELLED);
    }
    assertThat(upstream.status().detail()).contains("circuit closed");
  }
}
