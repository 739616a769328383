package dev.gatehouse.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.server.config.ClusterSettings;
import dev.gatehouse.server.store.TestStore;
import dev.gatehouse.server.testing.FakeHttpUpstream;
import dev.gatehouse.server.testing.GatewayHarness;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared PostgreSQL database goes away under a running node (its database is dropped, which
 * ends every connection and refuses new ones): readiness turns false and calls are refused with
 * 503, since neither the token nor the audit record can be checked or made durable.
 */
class PostgresOutageTest {
  @TempDir Path data;

  @Test
  void withoutItsDatabaseANodeIsNotReadyAndRefusesCalls() throws Exception {
    TestStore.Postgres store = TestStore.postgres();
    try (FakeHttpUpstream upstream = new FakeHttpUpstream().start();
        GatewayHarness node =
            GatewayHarness.start(
                data,
                List.of(GatewayHarness.http("fake", upstream.url())),
                GatewayHarness.allowAll(Files.createDirectories(data.resolve("rules"))),
                config ->
                    config.withCluster(
                        new ClusterSettings(
                            "gw-a",
                            Optional.empty(),
                            Optional.of(
                                new ClusterSettings.Database(
                                    store.where().url(), TestStore.USER, Optional.empty())))))) {
      await().atMost(Duration.ofSeconds(20)).until(() -> node.door().serves("fake__echo"));
      assertThat(ready(node)).isEqualTo(200);
      try (McpSyncClient client = node.client(node.token("agent"))) {
        assertThat(echo(client).isError()).isFalse();

        store.close(); // drops the database

        assertThat(ready(node)).isEqualTo(503);
        // Once the token's revocation check (at most a second old) needs the store, the request
        // is refused before anything is relayed, and nothing about the database is told.
        await()
            .atMost(Duration.ofSeconds(10))
            .untilAsserted(
                () ->
                    assertThatThrownBy(() -> echo(client))
                        .hasMessageContaining("503")
                        .hasMessageContaining("cannot check tokens right now")
                        .hasMessageNotContaining("jdbc")
                        .hasMessageNotContaining("Exception"));
      }
    }
  }

  private static McpSchema.CallToolResult echo(McpSyncClient client) {
    return client.callTool(new CallToolRequest("fake__echo", Map.of("text", "x")));
  }

  private static int ready(GatewayHarness node) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + "/readyz"))
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }
}
