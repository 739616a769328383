package dev.gatehouse.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.connectors.UpstreamSpec;
import dev.gatehouse.shield.yaml.InvalidFileException;
import dev.gatehouse.shield.yaml.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;

  private Path write(String yaml) throws Exception {
    Path file = dir.resolve("gatehouse.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  private List<String> problems(String yaml) throws Exception {
    Path file = write(yaml);
    try {
      ConfigLoader.load(file);
    } catch (InvalidFileException e) {
      return e.problems().stream()
          .map(Problem::toString)
          .map(p -> p.substring(p.indexOf("gatehouse.yaml")))
          .toList();
    }
    throw new AssertionError("expected problems");
  }

  @Test
  void readsTheIssuesExampleWithDefaultsAndRelativePaths() throws Exception {
    GatehouseConfig config =
        ConfigLoader.load(
            write(
                """
                server: { port: 8080, data_dir: ./data }
                upstreams:
                  everything:
                    type: mcp-stdio
                    command: npx
                    args: ["-y", "@modelcontextprotocol/server-everything", "stdio"]
                    env: { LOG_LEVEL: info }
                    prefix: none
                  docs:
                    type: mcp-http
                    url: http://127.0.0.1:3001/mcp
                    headers: { X-Team: platform }
                    timeout: 90s
                policies: ./policies
                """));
    assertThat(config.server().port()).isEqualTo(8080);
    assertThat(config.server().dataDir()).isEqualTo(dir.resolve("data"));
    assertThat(config.server().allowedHosts()).contains("127.0.0.1:*", "localhost:*");
    assertThat(config.policies()).contains(dir.resolve("policies"));
    UpstreamSpec.Stdio everything = (UpstreamSpec.Stdio) config.upstreams().get(0);
    assertThat(everything.prefix()).isEmpty();
    assertThat(everything.args())
        .containsExactly("-y", "@modelcontextprotocol/server-everything", "stdio");
    assertThat(everything.env()).containsEntry("LOG_LEVEL", "info");
    assertThat(everything.workingDirectory()).isEqualTo(dir);
    assertThat(everything.callTimeout()).isGreaterThan(Duration.ofSeconds(20));
    UpstreamSpec.Http docs = (UpstreamSpec.Http) config.upstreams().get(1);
    assertThat(docs.prefix()).contains("docs");
    assertThat(docs.headers()).containsEntry("X-Team", "platform");
    assertThat(docs.callTimeout()).isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void reportsEveryProblemAtOnceWithFileLineAndColumn() throws Exception {
    List<String> problems =
        problems(
            """
            server:
              port: eighty
              data_dri: ./data
            upstreams:
              one:
                type: mcp-stdio
                args: [a]
              two:
                type: mcp-http
                url: ftp://example.com/mcp
                colour: blue
              three:
                type: mcp-websocket
            """);
    assertThat(problems)
        .containsExactly(
            "gatehouse.yaml:2:9: 'port' must be a whole number, found 'eighty'",
            "gatehouse.yaml:3:3: unknown key 'data_dri' (did you mean 'data_dir'?)",
            "gatehouse.yaml:6:5: upstream one needs 'command'",
            "gatehouse.yaml:10:10: upstream two: 'url' must be an http:// or https:// URL",
            "gatehouse.yaml:11:5: unknown key 'colour' (expected one of headers, prefix, timeout, type, url)",
            "gatehouse.yaml:13:11: upstream three: unknown type 'mcp-websocket' (expected mcp-stdio, mcp-http, mcp-sse, http-api or openapi)");
  }

  @Test
  void aPrefixExtendingAnotherByTheSeparatorCollides() throws Exception {
    List<String> problems =
        problems(
            """
            upstreams:
              a: { type: mcp-http, url: "http://127.0.0.1:1/mcp", prefix: a }
              b: { type: mcp-http, url: "http://127.0.0.1:2/mcp", prefix: a__b }
              c: { type: mcp-http, url: "http://127.0.0.1:3/mcp", prefix: a_ }
              d: { type: mcp-http, url: "http://127.0.0.1:4/mcp", prefix: ab }
            """);
    assertThat(problems)
        .containsExactly(
            "gatehouse.yaml:3:63: upstream b: prefix 'a__b' overlaps prefix 'a' at line 2 (a name"
                + " beginning 'a__b__' could be either's); tool names would collide",
            "gatehouse.yaml:4:63: upstream c: prefix 'a_' overlaps prefix 'a' at line 2 (a name"
                + " beginning 'a___' could be either's); tool names would collide");
  }

  @Test
  void twoUpstreamsWithOnePrefixCollide() throws Exception {
    List<String> problems =
        problems(
            """
            upstreams:
              a: { type: mcp-http, url: "http://127.0.0.1:1/mcp", prefix: shared }
              b: { type: mcp-http, url: "http://127.0.0.1:2/mcp", prefix: shared }
            """);
    assertThat(problems)
        .singleElement()
        .asString()
        .contains("3:")
        .contains("prefix 'shared' is already used at line 2");
  }

  @Test
  void aPrefixThatLeavesNoRoomForToolNamesIsRefused() throws Exception {
    String longName = "p".repeat(32);
    List<String> problems =
        problems(
            "upstreams:\n  "
                + longName
                + ": { type: mcp-http, url: \"http://127.0.0.1:1/mcp\", prefix: "
                + "q".repeat(62)
                + " }\n");
    assertThat(problems).anyMatch(p -> p.contains("must be 1-32 letters"));
  }

  @Test
  void wrongTypesAndSyntaxErrorsNameTheirPlace() throws Exception {
    assertThat(problems("upstreams: [a, b]\n"))
        .containsExactly("gatehouse.yaml:1:12: 'upstreams' must be a mapping of name to upstream");
    assertThat(problems("server: {port: 1\n"))
        .singleElement()
        .asString()
        .startsWith("gatehouse.yaml:2:1:");
    assertThat(problems("server:\n  port: 1\nserver:\n  port: 2\n"))
        .containsExactly("gatehouse.yaml:3:1: duplicate key 'server' (first at line 1)");
  }

  @Test
  void theQuickstartConfigLoads() {
    GatehouseConfig quickstart =
        ConfigLoader.load(Path.of("../examples/quickstart/gatehouse.yaml"));
    assertThat(quickstart.upstreams())
        .singleElement()
        .extracting(UpstreamSpec::name)
        .isEqualTo("demo");
    assertThat(quickstart.upstreams().get(0).prefix()).isEqualTo(Optional.of("demo"));
  }
}
