package dev.gatehouse.server.httpapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.server.testing.FakeHttpApi;
import dev.gatehouse.server.testing.GatewayHarness;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Operations imported from an OpenAPI document, served and called through the real gateway. */
class OpenApiRelayTest {
  @TempDir static Path data;
  static FakeHttpApi api;
  static GatewayHarness harness;
  static McpSyncClient client;

  @BeforeAll
  static void start() throws Exception {
    api = new FakeHttpApi().start();
    Path config = data.resolve("config");
    Files.createDirectories(config);
    Files.copy(
        Path.of("src/test/resources/openapi/petstore-3.0.yaml"), config.resolve("pets.yaml"));
    Files.copy(
        Path.of("src/test/resources/openapi/library-3.1.json"), config.resolve("library.json"));
    var upstreams =
        HttpApiConfigs.upstreams(
            config,
            """
            upstreams:
              pets:
                type: openapi
                spec: pets.yaml
                base_url: %1$s/api
              library:
                type: openapi
                spec: library.json
                base_url: %1$s/v2
            """
                .formatted(api.url()));
    harness = GatewayHarness.start(data, upstreams);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                harness.door().serves("pets__replaceTags")
                    && harness.door().serves("library__updateBook"));
    client = harness.client(harness.token("openapi-agent"));
  }

  @AfterAll
  static void stop() throws Exception {
    client.close();
    harness.close();
    api.close();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> seen(CallToolResult result) {
    assertThat(result.isError()).as(result.toString()).isFalse();
    return (Map<String, Object>) result.structuredContent();
  }

  @Test
  void servesEveryImportedOperation() {
    assertThat(client.listTools().tools().stream().map(McpSchema.Tool::name))
        .contains(
            "pets__listPets",
            "pets__createPet",
            "pets__get-pet_by_id",
            "pets__deletePet",
            "pets__replaceTags",
            "library__getBook",
            "library__updateBook");
  }

  @Test
  void callsAnOperationWithPathQueryAndHeaderParameters() {
    Map<String, Object> seen =
        seen(
            client.callTool(
                new CallToolRequest("pets__get-pet_by_id", Map.of("petId", 5, "X-Trace", "t-1"))));
    assertThat(seen.get("rawPath")).isEqualTo("/api/pets/5");
    assertThat(((Map<?, ?>) seen.get("headers")).get("x-trace")).isEqualTo("t-1");
    Map<String, Object> listed =
        seen(
            client.callTool(
                new CallToolRequest("pets__listPets", Map.of("limit", 10, "status", "sold"))));
    assertThat(listed.get("rawQuery")).isEqualTo("limit=10&status=sold");
  }

  @Test
  void sendsTheJsonBody() throws Exception {
    Map<String, Object> created =
        seen(
            client.callTool(
                new CallToolRequest("pets__createPet", Map.of("name", "Rex", "tag", "dog"))));
    assertThat(new ObjectMapper().readValue((String) created.get("body"), Map.class))
        .isEqualTo(Map.of("name", "Rex", "tag", "dog"));
    Map<String, Object> tags =
        seen(
            client.callTool(
                new CallToolRequest(
                    "pets__replaceTags", Map.of("storeId", "s1", "body", List.of("a", "b")))));
    assertThat(tags.get("method")).isEqualTo("PUT");
    assertThat(tags.get("body")).isEqualTo("[\"a\",\"b\"]");
    Map<String, Object> patched =
        seen(
            client.callTool(
                new CallToolRequest(
                    "library__updateBook", Map.of("isbn", "978-3-16-148410-0", "year", 1999))));
    assertThat(patched.get("method")).isEqualTo("PATCH");
    assertThat(patched.get("rawPath")).isEqualTo("/v2/books/978-3-16-148410-0");
    assertThat(patched.get("body")).isEqualTo("{\"year\":1999}");
  }

  @Test
  void theImportedSchemaIsEnforcedBeforeTheApiIsCalled() {
    int before = api.received().size();
    CallToolResult result =
        client.callTool(
            new CallToolRequest("pets__listPets", Map.of("limit", "many", "sneaky", true)));
    assertThat(result.isError()).isTrue();
    assertThat(api.received()).hasSize(before);
  }
}
