package dev.gatehouse.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.server.testing.GatewayHarness;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With the store gone, the admin API and the operations endpoints answer without the store's
 * exception text (a closed pool, a JDBC URL, a database host).
 */
class AdminApiStoreDownTest {
  @TempDir Path data;

  private static HttpResponse<String> get(GatewayHarness harness, String path, String token)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(harness.mcpUri().resolve(path));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aClosedStoreIsAnswered503WithAnIncidentAndWithoutItsText() throws Exception {
    try (GatewayHarness harness = GatewayHarness.start(data, List.of())) {
      String admin = harness.token("ops", "admin");
      assertThat(get(harness, "/admin/approvals", admin).statusCode()).isEqualTo(200);

      harness.gateway().database().close();
      for (String path : List.of("/admin/approvals", "/admin/approvals/some-id")) {
        HttpResponse<String> response = get(harness, path, admin);
        assertThat(response.statusCode()).as(path).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type"))
            .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(response.body())
            .contains("incident")
            .doesNotContainIgnoringCase("hikari")
            .doesNotContain("SQL")
            .doesNotContain("Exception");
      }
      for (String path : List.of("/admin/kill-switch", "/healthz", "/readyz", "/metrics")) {
        HttpResponse<String> response = get(harness, path, admin);
        assertThat(response.body())
            .as(path)
            .doesNotContainIgnoringCase("hikari")
            .doesNotContain("SQL")
            .doesNotContain("Exception");
      }
    }
  }

  @Test
  void jettysErrorPagesShowTheStatusOnlyNeverTheMessageAServletGave() throws Exception {
    try (GatewayHarness harness = GatewayHarness.start(data, List.of())) {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(harness.mcpUri().resolve("/metrics"))
                      .POST(HttpRequest.BodyPublishers.noBody())
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(405);
      // HttpServlet's own message ("... not supported by this URL") stands for any servlet's.
      assertThat(response.body()).contains("Method Not Allowed").doesNotContain("supported");
    }
  }
}
