package dev.gatehouse.server.bench;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.McpJsonMapper;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.HdrHistogram.Histogram;

/**
 * Calls the echo tool on several MCP endpoints — the upstream directly first, then gateways in
 * front of it — in alternating rounds so all see the same machine noise, and prints one Markdown
 * table: each path's latency percentiles and calls/s, and what each gateway adds to direct.
 */
final class Comparison {
  /** One thing measured: an MCP endpoint, the token to call it with, and the echo tool's name. */
  record Target(String name, URI uri, Optional<String> token, String tool) {}

  private final PrintWriter out;
  private final int calls;
  private final int rounds;
  private final int warmup;
  private final boolean inProcess;

  /**
   * @param inProcess whether the upstream and the gateways run in this process: only then is this
   *     process's CPU time per call the cost of a path, and printed
   */
  Comparison(PrintWriter out, int calls, int rounds, int warmup, boolean inProcess) {
    this.out = out;
    this.calls = calls;
    this.rounds = rounds;
    this.warmup = warmup;
    this.inProcess = inProcess;
  }

  /**
   * Warms every target up, then measures them in alternating rounds at each concurrency; the first
   * target is the direct one the others are compared with.
   */
  void measure(McpJsonMapper json, List<Target> targets, List<Integer> concurrency)
      throws Exception {
    int maxClients = concurrency.stream().mapToInt(Integer::intValue).max().orElse(1);
    List<List<McpSyncClient>> clients = new ArrayList<>();
    for (Target target : targets) {
      try {
        clients.add(clients(json, target.uri(), target.token(), maxClients));
      } catch (RuntimeException e) {
        clients.forEach(list -> list.forEach(McpSyncClient::close));
        throw new IllegalStateException(
            "could not open the clients of " + target.name() + ": " + rootCause(e), e);
      }
    }
    try {
      for (int t = 0; t < targets.size(); t++) {
        LatencyRun.run(clients.get(t).subList(0, 1), targets.get(t).tool(), warmup);
      }
      out.printf(
          inProcess
              ? "| clients | path | p50 µs | p90 µs | p99 µs | calls/s | CPU µs/call |%n"
                  + "|---|---|---|---|---|---|---|%n"
              : "| clients | path | p50 µs | p90 µs | p99 µs | calls/s |%n"
                  + "|---|---|---|---|---|---|%n");
      for (int c : concurrency) {
        List<Side> sides = new ArrayList<>();
        targets.forEach(t -> sides.add(new Side()));
        for (int round = 0; round < rounds; round++) {
          for (int t = 0; t < targets.size(); t++) {
            sides
                .get(t)
                .add(LatencyRun.run(clients.get(t).subList(0, c), targets.get(t).tool(), calls));
          }
        }
        Side direct = sides.getFirst();
        direct.print(out, c, "direct", inProcess);
        for (int t = 1; t < targets.size(); t++) {
          sides.get(t).print(out, c, "through " + targets.get(t).name(), inProcess);
        }
        for (int t = 1; t < targets.size(); t++) {
          Side side = sides.get(t);
          out.printf(
              "| %d | added by %s | %.0f | %.0f | %.0f | %.0f%% of direct |%s%n",
              c,
              targets.get(t).name(),
              side.percentile(50) - direct.percentile(50),
              side.percentile(90) - direct.percentile(90),
              side.percentile(99) - direct.percentile(99),
              100 * side.callsPerSecond() / direct.callsPerSecond(),
              inProcess
                  ? String.format(" %.0f |", side.cpuMicrosPerCall() - direct.cpuMicrosPerCall())
                  : "");
        }
        out.flush();
      }
      out.printf(
          "%nJVM: %s, %d cores; %d calls per side per round, %d rounds, %d warm-up calls; process RSS %s%n",
          Runtime.version(),
          Runtime.getRuntime().availableProcessors(),
          calls,
          rounds,
          warmup,
          rss());
    } finally {
      clients.forEach(list -> list.forEach(McpSyncClient::close));
    }
    out.flush();
  }

  /** Latencies of one side over all rounds. */
  private static final class Side {
    private final Histogram latency = new Histogram(60_000_000_000L, 3);
    private double callsPerSecondSum;
    private double cpuNanosPerCallSum;
    private int rounds;

    void add(LatencyRun.Result result) {
      latency.add(result.latencyNanos());
      callsPerSecondSum += result.callsPerSecond();
      cpuNanosPerCallSum += result.cpuNanosPerCall();
      rounds++;
    }

    double cpuMicrosPerCall() {
      return cpuNanosPerCallSum / rounds / 1000.0;
    }

    double percentile(double p) {
      return latency.getValueAtPercentile(p) / 1000.0;
    }

    double callsPerSecond() {
      return callsPerSecondSum / rounds;
    }

    void print(PrintWriter out, int clients, String path, boolean withCpu) {
      out.printf(
          "| %d | %s | %.0f | %.0f | %.0f | %.0f |%s%n",
          clients,
          path,
          percentile(50),
          percentile(90),
          percentile(99),
          callsPerSecond(),
          withCpu ? String.format(" %.0f |", cpuMicrosPerCall()) : "");
    }
  }

  private static List<McpSyncClient> clients(
      McpJsonMapper json, URI uri, Optional<String> token, int count) {
    List<McpSyncClient> clients = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      HttpClientStreamableHttpTransport transport =
          HttpClientStreamableHttpTransport.builder(uri.getScheme() + "://" + uri.getRawAuthority())
              .endpoint(uri.getRawPath())
              .jsonMapper(json)
              .httpRequestCustomizer(
                  (builder, method, target, body, context) ->
                      token.ifPresent(t -> builder.header("Authorization", "Bearer " + t)))
              .build();
      McpSyncClient client =
          McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30)).build();
      client.initialize();
      clients.add(client);
    }
    return clients;
  }

  private static String rootCause(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root + ")";
  }

  private static String rss() {
    try {
      return Files.readAllLines(Path.of("/proc/self/status")).stream()
          .filter(line -> line.startsWith("VmRSS:"))
          .map(line -> line.substring(6).strip())
          .findFirst()
          .orElse("unknown");
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }
}
