package dev.gatehouse.connectors.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.connectors.UpstreamSpec;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RequestFactoryTest {
  final RequestFactory factory = new RequestFactory(new ObjectMapper());
  final HttpTool get =
      new HttpTool(
          "get",
          Optional.empty(),
          "GET",
          "/repos/{owner}/{repo}",
          List.of("q"),
          Map.of("X-Trace", "trace"),
          new HttpTool.Body.None(),
          Map.of("type", "object"));

  private UpstreamSpec.HttpApi api(String base, HttpAuth auth, Map<String, String> headers) {
    return new UpstreamSpec.HttpApi(
        "api",
        Optional.of("api"),
        Duration.ofSeconds(5),
        URI.create(base),
        auth,
        headers,
        1024,
        2,
        BreakerSettings.DEFAULT,
        List.of(get),
        Optional.empty());
  }

  private RequestFactory.Result build(Map<String, Object> args) {
    return factory.build(
        api("https://api.example.com/v3/", new HttpAuth.None(), Map.of()), get, args);
  }

  @Test
  void encodesEachPathParameterAsOneSegment() {
    var result = build(Map.of("owner", "a/../../b", "repo", "r?x=1#f"));
    URI uri = ((RequestFactory.Result.Ready) result).request().uri();
    assertThat(uri.getRawPath()).isEqualTo("/v3/repos/a%2F..%2F..%2Fb/r%3Fx%3D1%23f");
    assertThat(uri.getRawQuery()).isNull();
    assertThat(uri.getRawFragment()).isNull();
    assertThat(uri.getHost()).isEqualTo("api.example.com");
  }

  @Test
  void anEncodedSlashIsEncodedAgain() {
    var result = build(Map.of("owner", "%2F", "repo", "x"));
    assertThat(((RequestFactory.Result.Ready) result).request().uri().getRawPath())
        .isEqualTo("/v3/repos/%252F/x");
  }

  @Test
  void refusesMissingAndDotParameters() {
    assertThat(build(Map.of("owner", "a"))).isInstanceOf(RequestFactory.Result.Refused.class);
    assertThat(build(Map.of("owner", "..", "repo", "x")))
        .isInstanceOf(RequestFactory.Result.Refused.class);
    assertThat(build(Map.of("owner", Map.of("a", 1), "repo", "x")))
        .isInstanceOf(RequestFactory.Result.Refused.class);
  }

  @Test
  void refusesLineBreaksInHeaderValuesFromArgumentsAndConfig() {
    var fromArgument = build(Map.of("owner", "a", "repo", "b", "trace", "x\nSet-Cookie: y"));
    assertThat(fromArgument).isInstanceOf(RequestFactory.Result.Refused.class);
    var fromSecret =
        factory.build(
            api("https://api.example.com", new HttpAuth.Bearer("s3cr3t\r\nX: y"), Map.of()),
            get,
            Map.of("owner", "a", "repo", "b"));
    assertThat(((RequestFactory.Result.Refused) fromSecret).reason())
        .contains("Authorization")
        .doesNotContain("s3cr3t");
  }

  @Test
  void encodesQueryValuesAndAddsTheAuthParameter() {
    var result =
        factory.build(
            api("https://api.example.com", new HttpAuth.Query("key", "k&v"), Map.of()),
            get,
            Map.of("owner", "a", "repo", "b", "q", "x&admin=1"));
    assertThat(((RequestFactory.Result.Ready) result).request().uri().getRawQuery())
        .isEqualTo("q=x%26admin%3D1&key=k%26v");
  }
}
