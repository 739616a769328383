package dev.gatehouse.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.server.ClusterView;
import dev.gatehouse.server.config.ClusterSettings;
import dev.gatehouse.server.config.GatehouseConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/**
 * {@code gatehouse status}: asks the running gateway's {@code /healthz} and prints it for a person;
 * with a {@code cluster:} section, also the shared stores' health and the nodes seen recently.
 */
@CommandLine.Command(
    name = "status",
    description = "Show the running gateway's upstreams and tools (and the cluster's nodes).")
final class StatusCommand implements Callable<Integer> {
  @CommandLine.Mixin ConfigOption config;

  @CommandLine.Option(names = "--json", description = "print the raw JSON")
  boolean json;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    GatehouseConfig loaded = config.load();
    String host = loaded.server().host().equals("0.0.0.0") ? "127.0.0.1" : loaded.server().host();
    String shownHost = host.contains(":") ? "[" + host + "]" : host;
    URI health = URI.create("http://" + shownHost + ":" + loaded.server().port() + "/healthz");
    PrintWriter out = spec.commandLine().getOut();
    String body;
    try (HttpClient client =
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build()) {
      body =
          client
              .send(
                  HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5)).build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
    } catch (IOException e) {
      spec.commandLine()
          .getErr()
          .println("gatehouse: no gateway answers at " + health + " (is it running?)");
      loaded.cluster().ifPresent(cluster -> cluster(loaded, cluster, Optional.empty()));
      return 1;
    }
    if (json) {
      out.println(body);
      out.flush();
      return 0;
    }
    JsonNode status;
    try {
      status = new ObjectMapper().readTree(body);
    } catch (IOException e) {
      spec.commandLine().getErr().println("gatehouse: unexpected answer from " + health);
      return 1;
    }
    out.printf(
        "gateway: %s (version %s), %d tools, policy revision %s%n",
        status.path("status").asText(),
        status.path("version").asText(),
        status.path("tools").asInt(),
        status.path("policyRevision").asText());
    out.printf(
        "%-20s %-10s %-9s %-6s %-9s %s%n",
        "UPSTREAM", "TYPE", "STATE", "TOOLS", "RESTARTS", "DETAIL");
    for (JsonNode u : status.path("upstreams")) {
      out.printf(
          "%-20s %-10s %-9s %-6d %-9d %s%n",
          u.path("name").asText(),
          u.path("type").asText(),
          u.path("state").asText(),
          u.path("tools").asInt(),
          u.path("restarts").asInt(),
          u.path("detail").asText());
    }
    for (JsonNode problem : status.path("problems")) {
      out.println("problem: " + problem.asText());
    }
    out.flush();
    boolean clusterHealthy =
        loaded
            .cluster()
            .map(
                cluster ->
                    cluster(loaded, cluster, Optional.of(status.path("policyRevision").asText())))
            .orElse(true);
    return "ok".equals(status.path("status").asText()) && clusterHealthy ? 0 : 4;
  }

  /** Prints the cluster section; returns whether the shared stores answer. */
  private boolean cluster(
      GatehouseConfig loaded, ClusterSettings cluster, Optional<String> ownRevision) {
    PrintWriter out = spec.commandLine().getOut();
    boolean healthy =
        ClusterReport.print(out, ClusterView.probe(loaded, cluster), ownRevision, Instant.now());
    out.flush();
    return healthy;
  }
}
