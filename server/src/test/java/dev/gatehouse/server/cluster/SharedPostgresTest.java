package dev.gatehouse.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.server.auth.TokenVerifier;
import dev.gatehouse.server.store.Dialect;
import dev.gatehouse.server.testing.GatewayHarness;
import dev.gatehouse.server.testing.PostgresPair;
import dev.gatehouse.server.testing.RawMcpSession;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two gateways with their own data directories share one PostgreSQL database (and, as the docs
 * require, one vault keyset): an agent token issued on one node works on the other, a revocation on
 * one is obeyed by the other within a second, and both write one audit chain.
 */
class SharedPostgresTest {
  @TempDir static Path data;
  static PostgresPair cluster;
  static GatewayHarness nodeA;
  static GatewayHarness nodeB;

  @BeforeAll
  static void start() throws Exception {
    cluster = PostgresPair.start(data);
    nodeA = cluster.a();
    nodeB = cluster.b();
  }

  @AfterAll
  static void stop() throws Exception {
    cluster.close();
  }

  private static HttpResponse<String> initializeWith(GatewayHarness node, String token)
      throws Exception {
    return new RawMcpSession(node.mcpUri(), token)
        .post(
            "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}");
  }

  @Test
  void bothNodesRunOnTheSharedDatabase() {
    assertThat(nodeA.gateway().database().dialect()).isEqualTo(Dialect.POSTGRES);
    assertThat(nodeB.gateway().database().dialect()).isEqualTo(Dialect.POSTGRES);
    assertThat(nodeA.gateway().database().isHealthy()).isTrue();
  }

  @Test
  void aTokenIssuedOnNodeAWorksOnNodeBUntilRevokedOnA() throws Exception {
    String token = nodeA.token("roaming-agent");
    try (McpSyncClient onB = nodeB.client(token)) {
      McpSchema.CallToolResult result =
          onB.callTool(new CallToolRequest("fake__echo", Map.of("text", "from b")));
      assertThat(result.isError()).isFalse();
    }
    assertThat(initializeWith(nodeB, token).statusCode()).isEqualTo(200);

    nodeA.gateway().agents().revokeAll("roaming-agent", Instant.now());
    await()
        .atMost(TokenVerifier.REVOCATION_DELAY.plusMillis(500))
        .until(() -> initializeWith(nodeB, token).statusCode() == 401);
    assertThat(initializeWith(nodeA, token).statusCode()).isEqualTo(401);
  }

  @Test
  void callsOnBothNodesWriteOneVerifiableAuditChain() throws Exception {
    for (GatewayHarness node : List.of(nodeA, nodeB, nodeA)) {
      try (McpSyncClient client = node.client(node.token("auditor"))) {
        client.callTool(new CallToolRequest("fake__echo", Map.of("text", "x")));
      }
    }
    assertThat(nodeB.gateway().audit().verify().intact()).isTrue();
    assertThat(nodeA.gateway().audit().verify().checked())
        .isEqualTo(nodeB.gateway().audit().verify().checked())
        .isGreaterThanOrEqualTo(3);
  }
}
