package dev.gatehouse.server.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.connectors.UpstreamSpec;
import dev.gatehouse.server.testing.FakeHttpUpstream;
import dev.gatehouse.server.testing.GatewayHarness;
import dev.gatehouse.server.testing.RawMcpSession;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An agent's cancellation, and the gateway's own timeout, reach the upstream as cancellations. */
class CancellationAndTimeoutTest {
  @TempDir static Path data;
  static FakeHttpUpstream upstream;
  static GatewayHarness harness;

  @BeforeAll
  static void start() throws Exception {
    upstream = new FakeHttpUpstream().start();
    UpstreamSpec.Http patient = GatewayHarness.http("fake", upstream.url());
    UpstreamSpec.Http impatient =
        new UpstreamSpec.Http(
            "hasty",
            Optional.of("hasty"),
            Duration.ofSeconds(1),
            URI.create(upstream.url()),
            Map.of());
    harness = GatewayHarness.start(data, List.of(patient, impatient));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> harness.door().serves("fake__slow") && harness.door().serves("hasty__slow"));
  }

  @AfterAll
  static void stop() throws Exception {
    harness.close();
    upstream.close();
  }

  @Test
  void anAgentsCancellationIsSentUpstreamAndEndsTheCall() throws Exception {
    RawMcpSession session = new RawMcpSession(harness.mcpUri(), harness.token("canceller")).open();
    int before = upstream.cancellations().size();
    CompletableFuture<HttpResponse<String>> call =
        session.postAsync(RawMcpSession.toolCall(41, "fake__slow", "{\"ms\":60000}"));
    await().atMost(Duration.ofSeconds(10)).until(() -> harness.gateway().calls().size() == 1);

    HttpResponse<String> ack =
        session.post(
            "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":41,\"reason\":\"user pressed stop\"}}");

    assertThat(ack.statusCode()).isEqualTo(202);
    await().atMost(Duration.ofSeconds(10)).until(() -> upstream.cancellations().size() > before);
    assertThat(upstream.cancellations().get(before))
        .contains("\"requestId\"")
        .contains("cancelled by the agent");
    HttpResponse<String> answered = call.get(10, TimeUnit.SECONDS);
    assertThat(answered.body()).contains("the call was cancelled");
    await().atMost(Duration.ofSeconds(5)).until(() -> harness.gateway().calls().size() == 0);
    // The cancelled call's thread comes back interrupted; its audit record is stored all the same.
    assertThat(harness.gateway().audit().tail(20))
        .anyMatch(r -> r.agent().equals("canceller") && r.tool().equals("fake__slow"));
    assertThat(harness.gateway().audit().verify().intact()).isTrue();
  }

  @Test
  void aCancellationForAnotherSessionsRequestIdDoesNothing() throws Exception {
    RawMcpSession caller = new RawMcpSession(harness.mcpUri(), harness.token("caller")).open();
    RawMcpSession meddler = new RawMcpSession(harness.mcpUri(), harness.token("meddler")).open();
    CompletableFuture<HttpResponse<String>> call =
        caller.postAsync(RawMcpSession.toolCall(7, "fake__slow", "{\"ms\":1500}"));
    await().atMost(Duration.ofSeconds(10)).until(() -> harness.gateway().calls().size() >= 1);

    meddler.post(
        "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":7}}");

    assertThat(call.get(20, TimeUnit.SECONDS).body()).contains("slow done");
  }

  @Test
  void aCallOverTheUpstreamTimeoutFailsAndIsCancelledUpstream() throws Exception {
    RawMcpSession session = new RawMcpSession(harness.mcpUri(), harness.token("waiter")).open();
    int before = upstream.cancellations().size();
    HttpResponse<String> response =
        session.post(RawMcpSession.toolCall(3, "hasty__slow", "{\"ms\":10000}"));
    assertThat(response.body()).contains("did not answer within 1 s").contains("\"isError\":true");
    await().atMost(Duration.ofSeconds(10)).until(() -> upstream.cancellations().size() > before);
    assertThat(upstream.cancellations().get(upstream.cancellations().size() - 1))
        .contains("timed out in the gateway");
  }
}
