package dev.gatehouse.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gatehouse serve} in its own process in front of the real npm server-everything, started
 * through {@code npx} (which starts {@code node}): after {@code kill -TERM} of the gateway no
 * process of that tree is left.
 */
class ServeProcessIT {
  private static final Pattern SERVING =
      Pattern.compile("serving (\\d+) tools from \\d+ upstreams? at (http://\\S+)");

  @TempDir Path dir;

  @Test
  void terminatingTheGatewayLeavesNoOrphans() throws Exception {
    Path config =
        Launched.config(
            dir,
            "  everything:\n    type: mcp-stdio\n    command: npx\n    args: [\"--no-install\", \"mcp-server-everything\", \"stdio\"]\n"
                + "    cwd: "
                + Launched.NODE_DIR
                + "\n    prefix: none\n");
    Process gateway =
        new ProcessBuilder(Launched.gatehouse("serve", "--config", config.toString()))
            .redirectError(dir.resolve("stderr.txt").toFile())
            .start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(gateway.getInputStream()));
      Matcher serving = SERVING.matcher(out.readLine());
      assertThat(serving.find()).as("the first line announces the gateway").isTrue();
      assertThat(Integer.parseInt(serving.group(1))).isGreaterThan(5);
      URI health = URI.create(serving.group(2).replace("/mcp", "/healthz"));
      String body =
          HttpClient.newHttpClient()
              .send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString())
              .body();
      com.fasterxml.jackson.databind.JsonNode status =
          new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
      assertThat(status.path("status").asText()).isEqualTo("ok");
      assertThat(status.path("upstreams").get(0).path("name").asText()).isEqualTo("everything");
      assertThat(status.path("upstreams").get(0).path("state").asText()).isEqualTo("READY");

      List<ProcessHandle> tree = gateway.toHandle().descendants().toList();
      assertThat(tree.stream().map(p -> p.info().command().orElse("")))
          .anyMatch(c -> c.endsWith("node"));

      gateway.destroy(); // SIGTERM
      assertThat(gateway.waitFor()).isNotNegative();
      await()
          .atMost(Duration.ofSeconds(15))
          .until(() -> tree.stream().noneMatch(ProcessHandle::isAlive));
    } finally {
      gateway.destroyForcibly();
      System.err.println(Files.readString(dir.resolve("stderr.txt")));
    }
  }
}
