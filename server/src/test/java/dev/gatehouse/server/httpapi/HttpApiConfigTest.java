package dev.gatehouse.server.httpapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.connectors.UpstreamSpec;
import dev.gatehouse.connectors.http.BreakerSettings;
import dev.gatehouse.connectors.http.HttpAuth;
import dev.gatehouse.connectors.http.HttpTool;
import dev.gatehouse.connectors.vault.SecretReference;
import dev.gatehouse.server.config.ConfigLoader;
import dev.gatehouse.server.config.GatehouseConfig;
import dev.gatehouse.shield.yaml.InvalidFileException;
import dev.gatehouse.shield.yaml.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code http-api} upstreams in gatehouse.yaml: what loads, and every problem with its place. */
class HttpApiConfigTest {
  @TempDir Path dir;

  private Path write(String yaml) throws Exception {
    Path file = dir.resolve("gatehouse.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  List<String> problems(String yaml) throws Exception {
    Path file = write(yaml);
    try {
      ConfigLoader.load(file);
    } catch (InvalidFileException e) {
      return e.problems().stream()
          .map(Problem::toString)
          .map(p -> p.replaceFirst("^.*/(?=[^/]+:\\d+:\\d+: )", ""))
          .toList();
    }
    throw new AssertionError("expected problems");
  }

  @Test
  void readsEveryKeyWithDefaults() throws Exception {
    GatehouseConfig config =
        ConfigLoader.load(
            write(
                """
                upstreams:
                  crm:
                    type: http-api
                    base_url: https://crm.example.com/api/
                    auth: { basic: { user: "${secret:CRM_USER}", password: "${secret:CRM_PASS}" } }
                    headers: { X-Client: gatehouse, X-Sig: "v1 ${secret:CRM_SIG}" }
                    breaker: { failures: 3, open_for: 1m }
                    tools:
                      - name: find_contact
                        description: Find a contact
                        method: get
                        path: /contacts/{id}/notes/{note}
                        query: [q, {page: integer}]
                        headers: { X-Trace: trace }
                      - name: add_note
                        method: POST
                        path: /notes
                        body: [text]
                        input_schema:
                          type: object
                          properties: { text: { type: string, maxLength: 100 } }
                          required: [text]
                  plain:
                    type: http-api
                    base_url: http://127.0.0.1:9/
                    timeout: 5s
                    max_response_bytes: 2048
                    retries: 0
                    tools: [{ name: ping, method: HEAD, path: / }]
                """));
    UpstreamSpec.HttpApi crm = (UpstreamSpec.HttpApi) config.upstreams().get(0);
    assertThat(crm.type()).isEqualTo("http-api");
    assertThat(crm.auth())
        .isEqualTo(new HttpAuth.Basic("${secret:CRM_USER}", "${secret:CRM_PASS}"));
    assertThat(crm.headers()).containsEntry("X-Client", "gatehouse");
    assertThat(crm.callTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(crm.maxResponseBytes()).isEqualTo(1024 * 1024);
    assertThat(crm.retries()).isEqualTo(2);
    assertThat(crm.breaker()).isEqualTo(new BreakerSettings(3, Duration.ofMinutes(1)));
    HttpTool find = crm.tools().get(0);
    assertThat(find.method()).isEqualTo("GET");
    assertThat(find.pathParameters()).containsExactly("id", "note");
    assertThat(find.inputSchema().get("required")).isEqualTo(List.of("id", "note"));
    assertThat(find.query()).containsExactly("q", "page");
    assertThat(find.headers()).containsEntry("X-Trace", "trace");
    HttpTool add = crm.tools().get(1);
    assertThat(add.body()).isEqualTo(new HttpTool.Body.Fields(List.of("text")));
    assertThat(add.inputSchema().get("required")).isEqualTo(List.of("text"));
    assertThat(config.secretReferences())
        .extracting(SecretReference::name, SecretReference::upstream)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("CRM_USER", "crm"),
            org.assertj.core.groups.Tuple.tuple("CRM_PASS", "crm"),
            org.assertj.core.groups.Tuple.tuple("CRM_SIG", "crm"));
    assertThat(config.secretReferences().get(0).location().line()).isEqualTo(5);
    UpstreamSpec.HttpApi plain = (UpstreamSpec.HttpApi) config.upstreams().get(1);
    assertThat(plain.auth()).isInstanceOf(HttpAuth.None.class);
    assertThat(plain.maxResponseBytes()).isEqualTo(2048);
    assertThat(plain.retries()).isZero();
    assertThat(plain.callTimeout()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void reportsEveryProblemWithItsLineAndColumn() throws Exception {
    List<String> problems =
        problems(
            """
            upstreams:
              api:
                type: http-api
                base_url: ftp://example.com
                auth: { bearer: "${secret:A}", header: X-Key, value: v }
                headers: { Host: evil.example.com, "X-Bad": "a\\r\\nb" }
                retrys: 3
                breaker: { failures: 0 }
                tools:
                  - { name: get thing, method: FETCH, path: things }
                  - { name: dup, method: GET, path: "/a/{id}", query: [id] }
                  - { name: dup, method: GET, path: /b, query: [{n: float}] }
                  - { name: hdr, method: GET, path: /c, headers: { "Content-Length": n }, bdy: [x] }
              nothing:
                type: http-api
                tools: []
            """);
    assertThat(problems)
        .containsExactly(
            "gatehouse.yaml:4:15: upstream api: 'base_url' must be an http:// or https:// URL",
            "gatehouse.yaml:5:11: 'auth' takes exactly one of header, bearer, basic or query",
            "gatehouse.yaml:6:22: the header Host is set by the HTTP client and cannot be configured",
            "gatehouse.yaml:6:49: the header X-Bad holds a line break",
            "gatehouse.yaml:7:5: unknown key 'retrys' (did you mean 'retries'?)",
            "gatehouse.yaml:8:26: 'failures' must be between 1 and 1000, found 0",
            "gatehouse.yaml:10:17: tool name 'get thing' must be 1-64 letters, digits, '_' or '-'",
            "gatehouse.yaml:10:36: 'method' must be one of DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT",
            "gatehouse.yaml:10:49: 'path' must start with '/' and hold no '?' or '#' (use 'query')",
            "gatehouse.yaml:11:60: argument 'id' is already used at line 11; an argument goes to one place",
            "gatehouse.yaml:12:9: upstream api: tool 'dup' is already defined at line 11",
            "gatehouse.yaml:12:57: argument type must be one of array, boolean, integer, number, object, string",
            "gatehouse.yaml:13:74: 'Content-Length' cannot be a request header here",
            "gatehouse.yaml:13:79: unknown key 'bdy' (did you mean 'body'?)",
            "gatehouse.yaml:15:5: upstream nothing needs 'base_url'");
  }

  @Test
  void anOpenApiDocumentIsCheckedToo() throws Exception {
    Files.copy(Path.of("src/test/resources/openapi/broken.yaml"), dir.resolve("broken.yaml"));
    List<String> problems =
        problems(
            """
            upstreams:
              broken:
                type: openapi
                spec: broken.yaml
                base_url: https://things.example.com
                include: { operations: [getThing, getThings] }
              missing:
                type: openapi
                spec: nowhere.yaml
            """);
    assertThat(problems)
        .containsExactly(
            "broken.yaml:8:17: $ref 'other.yaml#/components/parameters/Id' points outside this"
                + " document; only local references (#/...) are supported",
            "broken.yaml:9:17: $ref '#/components/parameters/Nope' points to nothing in this"
                + " document",
            "gatehouse.yaml:6:14: the OpenAPI document has no operation 'getThings'",
            "gatehouse.yaml:9:11: upstream missing: no OpenAPI document at nowhere.yaml");
  }

  @Test
  void importsAnOpenApi30DocumentResolvingRefs() throws Exception {
    Files.copy(Path.of("src/test/resources/openapi/petstore-3.0.yaml"), dir.resolve("pets.yaml"));
    GatehouseConfig config =
        ConfigLoader.load(
            write(
                """
                upstreams:
                  pets:
                    type: openapi
                    spec: pets.yaml
                    auth: { header: X-Api-Key, value: "${secret:PETS_KEY}" }
                    include: { tags: [pets, stores] }
                """));
    UpstreamSpec.HttpApi pets = (UpstreamSpec.HttpApi) config.upstreams().get(0);
    assertThat(pets.type()).isEqualTo("openapi");
    assertThat(pets.baseUrl()).hasToString("https://eu.pets.example.com/api");
    Map<String, HttpTool> tools = byName(pets);
    assertThat(tools).containsOnlyKeys("listPets", "createPet", "get-pet_by_id", "replaceTags");

    HttpTool list = tools.get("listPets");
    assertThat(list.query()).containsExactly("limit", "status");
    assertThat(properties(list).get("limit"))
        .isEqualTo(Map.of("type", "integer", "minimum", 1L, "exclusiveMaximum", 100L));
    assertThat(properties(list).get("status"))
        .isEqualTo(Map.of("type", "string", "enum", List.of("available", "sold")));
    assertThat(list.inputSchema()).doesNotContainKey("required");

    HttpTool get = tools.get("get-pet_by_id");
    assertThat(get.description()).contains("Get a pet\n\nReturns one pet with its owner.");
    assertThat(get.path()).isEqualTo("/pets/{petId}");
    assertThat(get.inputSchema().get("required")).isEqualTo(List.of("petId"));
    assertThat(properties(get).get("petId"))
        .isEqualTo(Map.of("type", "integer", "format", "int64", "description", "The pet's id"));
    assertThat(get.headers()).containsEntry("X-Trace", "X-Trace");

    HttpTool create = tools.get("createPet");
    assertThat(create.method()).isEqualTo("POST");
    assertThat(create.body()).isEqualTo(new HttpTool.Body.Fields(List.of("name", "tag", "owner")));
    assertThat(create.inputSchema().get("required")).isEqualTo(List.of("name"));
    assertThat(properties(create).get("tag")).isEqualTo(Map.of("type", List.of("string", "null")));
    @SuppressWarnings("unchecked")
    Map<String, Object> owner = (Map<String, Object>) properties(create).get("owner");
    assertThat(owner.toString()).contains("recursive: #/components/schemas/Pet");

    HttpTool tags = tools.get("replaceTags");
    assertThat(tags.body()).isEqualTo(new HttpTool.Body.Whole("body"));
    assertThat(tags.inputSchema().get("required")).isEqualTo(List.of("storeId", "body"));
  }

  @Test
  void selectsOperationsByPathGlobAndOperationId() throws Exception {
    Files.copy(Path.of("src/test/resources/openapi/petstore-3.0.yaml"), dir.resolve("pets.yaml"));
    GatehouseConfig config =
        ConfigLoader.load(
            write(
                """
                upstreams:
                  pets:
                    type: openapi
                    spec: pets.yaml
                    include: { paths: ["/stores/**", "/pets/*"], operations: [listPets] }
                """));
    assertThat(byName((UpstreamSpec.HttpApi) config.upstreams().get(0)))
        .containsOnlyKeys("listPets", "get-pet_by_id", "deletePet", "replaceTags");
    assertThat(
            problems(
                """
                upstreams:
                  api:
                    type: http-api
                    base_url: "https://${secret:HOST}/api"
                    tools: [{ name: a, method: GET, path: / }]
                """))
        .containsExactly(
            "gatehouse.yaml:4:15: upstream api: ${secret:...} is only expanded in 'auth' and"
                + " 'headers', not in 'base_url'");
  }

  @Test
  void importsAnOpenApi31JsonDocument() throws Exception {
    Files.copy(Path.of("src/test/resources/openapi/library-3.1.json"), dir.resolve("library.json"));
    GatehouseConfig config =
        ConfigLoader.load(
            write(
                """
                upstreams:
                  library:
                    type: openapi
                    spec: library.json
                    base_url: http://127.0.0.1:1/v2
                """));
    UpstreamSpec.HttpApi library = (UpstreamSpec.HttpApi) config.upstreams().get(0);
    assertThat(library.baseUrl()).hasToString("http://127.0.0.1:1/v2");
    Map<String, HttpTool> tools = byName(library);
    assertThat(properties(tools.get("getBook")).get("isbn"))
        .isEqualTo(Map.of("type", "string", "pattern", "^[0-9-]{10,17}$"));
    HttpTool update = tools.get("updateBook");
    assertThat(update.method()).isEqualTo("PATCH");
    assertThat(update.body())
        .isEqualTo(new HttpTool.Body.Fields(List.of("title", "subtitle", "year")));
    assertThat(properties(update).get("subtitle"))
        .isEqualTo(Map.of("type", List.of("string", "null")));
    assertThat(properties(update).get("year"))
        .isEqualTo(Map.of("type", "integer", "exclusiveMinimum", 1400L));
  }

  @Test
  void anUnknownSecretInAuthOrHeadersStopsTheGatewayWithItsPlace() throws Exception {
    Path file =
        write(
            """
            server: { port: 0, data_dir: ./data }
            upstreams:
              api:
                type: http-api
                base_url: https://api.example.com
                auth: { query: key, value: "${secret:API_KEY}" }
                headers: { X-Sig: "${secret:SIGNING_KEY}" }
                tools: [{ name: a, method: GET, path: / }]
            """);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                dev.gatehouse.server.Gateway.start(
                    ConfigLoader.load(file),
                    java.time.InstantSource.system(),
                    Duration.ofSeconds(1)))
        .isInstanceOf(InvalidFileException.class)
        .hasMessageContaining(
            "gatehouse.yaml:6:32: upstream api refers to the unknown secret 'API_KEY'")
        .hasMessageContaining(
            "gatehouse.yaml:7:23: upstream api refers to the unknown secret 'SIGNING_KEY'");
  }

  @Test
  void theExampleInTheConfigurationReferenceLoads() throws Exception {
    String doc = Files.readString(Path.of("../docs/CONFIGURATION.md"));
    String section = doc.substring(doc.indexOf("### `http-api`"));
    int start = section.indexOf("```yaml\n") + "```yaml\n".length();
    String yaml = section.substring(start, section.indexOf("```", start));
    GatehouseConfig config = ConfigLoader.load(write(yaml));
    UpstreamSpec.HttpApi tickets = (UpstreamSpec.HttpApi) config.upstreams().get(0);
    assertThat(tickets.tools().stream().map(HttpTool::name))
        .containsExactly("get_ticket", "add_comment", "update_ticket");
    assertThat(tickets.tools().get(2).body()).isEqualTo(new HttpTool.Body.Rest());
    assertThat(config.secretReferences())
        .extracting(SecretReference::name)
        .containsExactly("TICKETS_TOKEN");
  }

  private static Map<String, HttpTool> byName(UpstreamSpec.HttpApi api) {
    Map<String, HttpTool> out = new java.util.LinkedHashMap<>();
    api.tools().forEach(t -> out.put(t.name(), t));
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> properties(HttpTool tool) {
    return (Map<String, Object>) tool.inputSchema().get("properties");
  }
}
