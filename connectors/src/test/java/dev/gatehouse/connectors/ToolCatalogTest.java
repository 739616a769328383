package dev.gatehouse.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.connectors.http.BreakerSettings;
import dev.gatehouse.connectors.http.HttpApiUpstream;
import dev.gatehouse.connectors.http.HttpAuth;
import dev.gatehouse.connectors.http.HttpTool;
import dev.gatehouse.shield.ResourceTarget;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Which upstream owns a name: HTTP API upstreams list their tools as soon as they are started and
 * none before, so they stand in for upstreams that are up or down without a network.
 */
class ToolCatalogTest {
  private final List<HttpApiUpstream> opened = new java.util.ArrayList<>();

  @AfterEach
  void close() {
    opened.forEach(HttpApiUpstream::close);
  }

  @Test
  void anUnprefixedUpstreamCannotTakeANameReservedForAnotherPrefixWhileThatUpstreamIsDown() {
    HttpApiUpstream squatter = api("squatter", Optional.empty(), "github__create_issue", "ping");
    HttpApiUpstream github = api("github", Optional.of("github"), "create_issue");
    ToolCatalog catalog = new ToolCatalog(List.of(squatter, github));
    squatter.start();

    assertThat(catalog.snapshot().tools()).containsOnlyKeys("ping");
    assertThat(catalog.problems())
        .containsExactly(
            "upstream squatter: tool 'github__create_issue' is not served: names beginning"
                + " 'github__' are reserved for upstream github");

    github.start();
    assertThat(catalog.find("github__create_issue").orElseThrow().upstream()).isEqualTo("github");
  }

  @Test
  void anUnprefixedUpstreamDeclaredFirstDoesNotWinAReservedName() {
    HttpApiUpstream squatter = api("squatter", Optional.empty(), "github__create_issue");
    HttpApiUpstream github = api("github", Optional.of("github"), "create_issue");
    ToolCatalog catalog = new ToolCatalog(List.of(squatter, github));
    squatter.start();
    github.start();

    assertThat(catalog.find("github__create_issue").orElseThrow().upstream()).isEqualTo("github");
    assertThat(catalog.problems())
        .singleElement()
        .asString()
        .contains("reserved for upstream github");
  }

  @Test
  void namesMerelyStartingLikeAPrefixStayServed() {
    HttpApiUpstream plain = api("plain", Optional.empty(), "github_stats", "githubber__x");
    HttpApiUpstream github = api("github", Optional.of("github"), "create_issue");
    ToolCatalog catalog = new ToolCatalog(List.of(plain, github));
    plain.start();

    assertThat(catalog.snapshot().tools()).containsOnlyKeys("github_stats", "githubber__x");
    assertThat(catalog.problems()).isEmpty();
  }

  @Test
  void aUriServedThroughTemplatesCarriesTheirTextForPolicy() {
    ToolCatalog.Snapshot snapshot =
        new ToolCatalog.Snapshot(
            Map.of(),
            Map.of(),
            Map.of(),
            List.of(
                new CatalogTemplate("repo", template("repo://acme/{name}")),
                new CatalogTemplate("repo", template("repo://{org}/{name}")),
                new CatalogTemplate("repo", template("repo://other/{name}"))),
            List.of());

    assertThat(snapshot.owner("repo://acme/payroll"))
        .contains(
            new ResourceTarget(
                "repo://acme/payroll",
                "repo",
                List.of("repo://acme/{name}", "repo://{org}/{name}")));
  }

  private static McpSchema.ResourceTemplate template(String uriTemplate) {
    return McpSchema.ResourceTemplate.builder().uriTemplate(uriTemplate).name(uriTemplate).build();
  }

  private HttpApiUpstream api(String name, Optional<String> prefix, String... tools) {
    List<HttpTool> listed =
        Arrays.stream(tools)
            .map(
                t ->
                    new HttpTool(
                        t,
                        Optional.empty(),
                        "GET",
                        "/" + t,
                        List.of(),
                        Map.of(),
                        new HttpTool.Body.None(),
                        Map.of("type", "object")))
            .toList();
    UpstreamSpec.HttpApi spec =
        new UpstreamSpec.HttpApi(
            name,
            prefix,
            Duration.ofSeconds(5),
            URI.create("http://127.0.0.1:1/"),
            new HttpAuth.None(),
            Map.of(),
            1024,
            0,
            BreakerSettings.DEFAULT,
            listed,
            Optional.empty());
    HttpApiUpstream upstream =
        new HttpApiUpstream(
            spec,
            UnaryOperator.identity(),
            new ObjectMapper(),
            InstantSource.system(),
            HttpApiUpstream.Options.defaults());
    opened.add(upstream);
    return upstream;
  }
}
