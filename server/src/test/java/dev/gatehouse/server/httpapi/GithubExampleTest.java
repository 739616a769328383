package dev.gatehouse.server.httpapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.connectors.UpstreamSpec;
import dev.gatehouse.connectors.http.HttpTool;
import dev.gatehouse.server.config.ConfigLoader;
import dev.gatehouse.server.config.GatehouseConfig;
import dev.gatehouse.server.testing.FakeHttpApi;
import dev.gatehouse.server.testing.GatewayHarness;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files in {@code examples/github/} as shipped: the config and OpenAPI document load, and with
 * the API pointed at a local fake, the example's policies allow reads, hold merges for approval and
 * refuse deletes.
 */
class GithubExampleTest {
  static final Path EXAMPLE = Path.of("../examples/github");
  static final String TOKEN = "ghp_" + "Fk3Ld9Qw2Zx7Mn5Rt8Yp1Sv4";

  @TempDir static Path data;
  static FakeHttpApi github;
  static GatewayHarness harness;
  static McpSyncClient client;

  @BeforeAll
  static void start() throws Exception {
    github = new FakeHttpApi().start();
    GatehouseConfig config = ConfigLoader.load(EXAMPLE.resolve("gatehouse.yaml"));
    UpstreamSpec.HttpApi shipped = (UpstreamSpec.HttpApi) config.upstreams().get(0);
    UpstreamSpec.HttpApi local =
        new UpstreamSpec.HttpApi(
            shipped.name(),
            shipped.prefix(),
            shipped.callTimeout(),
            URI.create(github.url()),
            shipped.auth(),
            shipped.headers(),
            shipped.maxResponseBytes(),
            shipped.retries(),
            shipped.breaker(),
            shipped.tools(),
            shipped.openapi());
    try (var seed = GatewayHarness.start(data, List.of())) {
      seed.gateway().vault().put("GITHUB_TOKEN", TOKEN);
    }
    harness =
        GatewayHarness.start(
            data, List.of(local), config.policies().orElseThrow().toAbsolutePath());
    await().atMost(Duration.ofSeconds(20)).until(() -> harness.door().serves("github__repos_get"));
    client = harness.client(harness.token("dev-bot"));
  }

  @AfterAll
  static void stop() throws Exception {
    client.close();
    harness.close();
    github.close();
  }

  static String text(CallToolResult result) {
    return ((McpSchema.TextContent) result.content().get(0)).text();
  }

  @Test
  void theShippedConfigImportsTheListedOperations() {
    GatehouseConfig config = ConfigLoader.load(EXAMPLE.resolve("gatehouse.yaml"));
    UpstreamSpec.HttpApi api = (UpstreamSpec.HttpApi) config.upstreams().get(0);
    assertThat(api.type()).isEqualTo("openapi");
    assertThat(api.baseUrl()).hasToString("https://api.github.com");
    assertThat(api.tools().stream().map(HttpTool::name))
        .containsExactlyInAnyOrder(
            "repos_get",
            "repos_delete",
            "issues_list-for-repo",
            "issues_get",
            "issues_create-comment",
            "pulls_list",
            "pulls_get",
            "pulls_merge");
    assertThat(config.secretReferences())
        .singleElement()
        .extracting(r -> r.name())
        .isEqualTo("GITHUB_TOKEN");
  }

  @Test
  void aReadReachesTheApiWithTheTokenWhichTheAgentNeverSees() throws Exception {
    CallToolResult result =
        client.callTool(
            new CallToolRequest("github__repos_get", Map.of("owner", "acme", "repo", "api")));
    assertThat(result.isError()).isFalse();
    FakeHttpApi.Received received = github.receivedAt("/repos/acme/api").get(0);
    assertThat(received.headers())
        .containsEntry("authorization", "Bearer " + TOKEN)
        .containsEntry("accept", "application/vnd.github+json")
        .containsEntry("x-github-api-version", "2022-11-28");
    String seen = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(result);
    assertThat(seen).doesNotContain(TOKEN).contains("Bearer [REDACTED:GITHUB_TOKEN]");
  }

  @Test
  void aMergeWaitsForAPersonAndADeleteIsRefused() {
    int before = github.received().size();
    CallToolResult merge =
        client.callTool(
            new CallToolRequest(
                "github__pulls_merge", Map.of("owner", "acme", "repo", "api", "pull_number", 12)));
    assertThat(merge.isError()).isTrue();
    assertThat(text(merge)).containsIgnoringCase("approv");
    CallToolResult delete =
        client.callTool(
            new CallToolRequest("github__repos_delete", Map.of("owner", "acme", "repo", "api")));
    assertThat(delete.isError()).isTrue();
    assertThat(text(delete)).contains("Agents never delete GitHub resources");
    assertThat(github.received()).hasSize(before);
  }

  @Test
  void theDeleteToolIsNotEvenListed() {
    List<McpSchema.Tool> tools = client.listTools().tools();
    assertThat(tools.stream().map(McpSchema.Tool::name))
        .containsExactlyInAnyOrder(
            "github__repos_get",
            "github__issues_list-for-repo",
            "github__issues_get",
            "github__issues_create-comment",
            "github__pulls_list",
            "github__pulls_get",
            "github__pulls_merge");
    assertThat(harness.gateway().status(List.of()).problems()).isEmpty();
    McpSchema.Tool get =
        tools.stream().filter(t -> t.name().equals("github__repos_get")).findFirst().orElseThrow();
    assertThat(get.annotations().readOnlyHint()).isTrue();
    assertThat(get.description()).startsWith("Get a repository");
  }
}
