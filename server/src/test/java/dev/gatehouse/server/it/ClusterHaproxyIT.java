package dev.gatehouse.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.server.testing.RawMcpSession;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10's proof through a real HAProxy: the shipped {@code examples/cluster/} (two {@code
 * gatehouse serve} processes, shared Redis and PostgreSQL, {@code haproxy -f haproxy.cfg}) keeps an
 * MCP session on its node, and when a node dies its clients get 404, re-initialize through the
 * balancer on the live node, and an approval the dead node was waiting on is decided and used
 * through the other.
 */
class ClusterHaproxyIT {
  private static final String ECHO =
      RawMcpSession.toolCall(2, "demo__echo", "{\"message\":\"hi\"}");
  private static final String ADD = RawMcpSession.toolCall(3, "demo__add", "{\"a\":2,\"b\":3}");

  @TempDir static Path dir;
  static ClusterExample cluster;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(
        ClusterExample.haproxy().isPresent(),
        "haproxy is not installed (apt-get install haproxy; .ci/run installs it):"
            + " the HAProxy cluster tests are skipped");
    cluster = ClusterExample.start(dir);
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      System.err.println(cluster.logs());
      cluster.close();
    }
  }

  @Test
  void anSdkClientInitializesListsAndCallsThroughHaproxy() throws Exception {
    cluster.ensureBothUp();
    HttpClientStreamableHttpTransport transport =
        HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + cluster.mcp().getPort())
            .endpoint("/mcp")
            .jsonMapper(new JacksonMcpJsonMapper(new ObjectMapper()))
            .httpRequestCustomizer(
                (builder, method, target, body, context) ->
                    builder.header("Authorization", "Bearer " + cluster.token()))
            .build();
    McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30)).build();
    try {
      client.initialize();
      assertThat(client.listTools().tools())
          .extracting(McpSchema.Tool::name)
          .contains("demo__echo", "demo__add");
      for (int i = 0; i < 10; i++) {
        McpSchema.CallToolResult result =
            client.callTool(
                new McpSchema.CallToolRequest("demo__echo", Map.of("message", "hi " + i)));
        assertThat(result.isError()).isFalse();
        assertThat(((McpSchema.TextContent) result.content().getFirst()).text())
            .isEqualTo("hi " + i);
      }
    } finally {
      client.closeGracefully();
    }
  }

  @Test
  void eachSessionStaysOnItsNodeAndSessionsSpreadOverBoth() throws Exception {
    cluster.ensureBothUp();
    Set<String> used = new HashSet<>();
    for (int s = 0; s < 4; s++) {
      RawMcpSession session = new RawMcpSession(cluster.mcp(), cluster.token()).open();
      String node = ClusterExample.servedBy(session.post(ECHO));
      used.add(node);
      for (int i = 0; i < 15; i++) {
        HttpResponse<String> answer =
            session.post(
                i % 3 == 0 ? "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/list\"}" : ECHO);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(ClusterExample.servedBy(answer))
            .as("session %d, request %d", s, i)
            .isEqualTo(node);
      }
    }
    assertThat(used)
        .as("new sessions are balanced over both nodes")
        .containsExactlyInAnyOrderElementsOf(ClusterExample.NODES);
  }

  @Test
  void whenItsNodeDiesTheSessionIsGoneAndTheClientStartsAgainOnTheLiveNode() throws Exception {
    cluster.ensureBothUp();
    RawMcpSession session = new RawMcpSession(cluster.mcp(), cluster.token()).open();
    String node = ClusterExample.servedBy(session.post(ECHO));

    cluster.kill(node);

    HttpResponse<String> lost = session.post(ECHO);
    assertThat(lost.statusCode()).as(lost.body()).isEqualTo(404);
    assertThat(lost.body()).contains("Session not found; initialize a new session");
    assertThat(ClusterExample.servedBy(lost)).isEqualTo(ClusterExample.other(node));

    RawMcpSession again = new RawMcpSession(cluster.mcp(), cluster.token()).open();
    HttpResponse<String> answer = again.post(ECHO);
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body()).contains("\"text\":\"hi\"").contains("\"isError\":false");
    assertThat(ClusterExample.servedBy(answer)).isEqualTo(ClusterExample.other(node));
  }

  @Test
  void anApprovalParkedOnAKilledNodeIsDecidedAndUsedThroughTheOther() throws Exception {
    cluster.ensureBothUp();
    RawMcpSession session = new RawMcpSession(cluster.mcp(), cluster.token()).open();
    String nodeA = ClusterExample.servedBy(session.post(ECHO));
    String nodeB = ClusterExample.other(nodeA);
    String configB = cluster.config(nodeB).toString();

    CompletableFuture<HttpResponse<String>> parked = session.postAsync(ADD);
    String id =
        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(500))
            .until(() -> pendingAddition(configB), Optional::isPresent)
            .orElseThrow();
    assertThat(parked).isNotDone();

    cluster.kill(nodeA);

    // The call is lost with its node: HAProxy answers 502, or, when the request was not the first
    // on its client connection, closes that connection (as the node itself would have).
    try {
      assertThat(parked.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(502);
    } catch (ExecutionException closed) {
      assertThat(closed).hasCauseInstanceOf(IOException.class);
    }
    assertThat(pendingAddition(configB)).as("the request stays in PostgreSQL").contains(id);
    assertThat(ClusterExample.cli(null, "approvals", "approve", id, "--config", configB))
        .contains("approval " + id + " approved");

    assertThat(session.post(ADD).statusCode()).isEqualTo(404);
    RawMcpSession retry = new RawMcpSession(cluster.mcp(), cluster.token()).open();
    HttpResponse<String> answer = retry.post(ADD);
    assertThat(ClusterExample.servedBy(answer)).isEqualTo(nodeB);
    assertThat(answer.body())
        .as("the retry of the same call uses the grant")
        .contains("\"sum\":5")
        .contains("\"isError\":false");
  }

  /** The id of the pending {@code demo__add} request, as {@code approvals list} shows it. */
  private static Optional<String> pendingAddition(String config) throws Exception {
    return ClusterExample.cli(null, "approvals", "list", "--config", config)
        .lines()
        .filter(line -> line.contains(" pending ") && line.contains(" demo__add "))
        .map(line -> line.split("\\s+")[0])
        .findFirst();
  }
}
