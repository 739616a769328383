package dev.gatehouse.server.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.connectors.UpstreamSpec;
import dev.gatehouse.server.Gateway;
import dev.gatehouse.server.config.GatehouseConfig;
import dev.gatehouse.server.config.ServerSettings;
import dev.gatehouse.server.http.HttpFrontDoor;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;

/**
 * {@code gatehouse bench}: the latency Gatehouse adds to a tool call. One process holds an echo
 * upstream (SDK server on Jetty) and a full gateway in front of it (pipeline and audit on, its
 * store in a temporary folder). SDK clients call the echo tool directly and through the gateway, in
 * alternating rounds so both sides see the same machine noise. With {@code --against}, it measures
 * gateways already running instead (a cluster behind a balancer, one node of it), each against the
 * echo upstream they front ({@code gatehouse bench upstream}).
 */
@CommandLine.Command(
    name = "bench",
    description =
        "Measure the latency the gateway adds to a tool call (direct vs. through Gatehouse).",
    subcommands = {ShieldBenchCommand.class, SessionsBenchCommand.class, EchoUpstreamCommand.class})
public final class BenchCommand implements Callable<Integer> {
  @CommandLine.Option(
      names = "--calls",
      defaultValue = "4000",
      description = "calls per side and round")
  int calls;

  @CommandLine.Option(names = "--rounds", defaultValue = "3", description = "alternating rounds")
  int rounds;

  @CommandLine.Option(
      names = "--warmup",
      defaultValue = "4000",
      description = "warm-up calls per side")
  int warmup;

  @CommandLine.Option(
      names = "--concurrency",
      split = ",",
      defaultValue = "1,16",
      description = "concurrent clients, comma-separated")
  List<Integer> concurrency;

  @CommandLine.Option(
      names = "--against",
      paramLabel = "NAME=URL",
      description =
          "measure gateways already running (e.g. a cluster) instead of an in-process one: a name"
              + " for the table and the gateway's /mcp URL; repeatable. Needs --upstream; the"
              + " agent token is read from the environment variable named by --token-env")
  List<String> against = new ArrayList<>();

  @CommandLine.Option(
      names = "--upstream",
      paramLabel = "URL",
      description =
          "with --against: the echo upstream those gateways front (`gatehouse bench upstream`),"
              + " called directly for comparison")
  Optional<URI> upstreamUrl = Optional.empty();

  @CommandLine.Option(
      names = "--tool",
      defaultValue = "bench__echo",
      description = "with --against: the echo tool's name on the gateways (default bench__echo)")
  String tool;

  @CommandLine.Option(
      names = "--token-env",
      defaultValue = "GATEHOUSE_TOKEN",
      description =
          "with --against: the environment variable holding the agent token (default"
              + " GATEHOUSE_TOKEN)")
  String tokenEnv;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** One thing measured: an MCP endpoint, the token to call it with, and the echo tool's name. */
  record Target(String name, URI uri, Optional<String> token, String tool) {}

  @Override
  public Integer call() throws Exception {
    McpJsonMapper json = new JacksonMcpJsonMapper(new ObjectMapper());
    if (!against.isEmpty()) {
      measure(json, remoteTargets());
      return 0;
    }
    Path data = Files.createTempDirectory("gatehouse-bench");
    try (EchoUpstream upstream = new EchoUpstream(json);
        Gateway gateway =
            Gateway.start(
                config(data, upstream.url()), InstantSource.system(), Duration.ofSeconds(1));
        HttpFrontDoor door = new HttpFrontDoor(gateway)) {
      int port = door.start();
      awaitTool(door);
      String token = gateway.issuer().issue("bench", Set.of(), Duration.ofHours(1));
      measure(
          json,
          List.of(
              new Target("direct", URI.create(upstream.url()), Optional.empty(), "echo"),
              new Target(
                  "Gatehouse",
                  URI.create("http://127.0.0.1:" + port + "/mcp"),
                  Optional.of(token),
                  "bench__echo")));
    }
    return 0;
  }

  private List<Target> remoteTargets() {
    URI direct =
        upstreamUrl.orElseThrow(
            () ->
                new CommandLine.ParameterException(
                    spec.commandLine(), "--against needs --upstream (the echo upstream's URL)"));
    String token = System.getenv(tokenEnv);
    if (token == null || token.isBlank()) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--against needs an agent token in the environment variable " + tokenEnv);
    }
    List<Target> targets = new ArrayList<>();
    targets.add(new Target("direct", direct, Optional.empty(), "echo"));
    for (String entry : against) {
      int eq = entry.indexOf('=');
      if (eq < 1) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--against takes NAME=URL, e.g. cluster=http://127.0.0.1:8080/mcp");
      }
      targets.add(
          new Target(
              entry.substring(0, eq),
              URI.create(entry.substring(eq + 1)),
              Optional.of(token),
              tool));
    }
    return targets;
  }

  /**
   * Warms every target up, then measures them in alternating rounds at each concurrency; the first
   * target is the direct one the others are compared with.
   */
  private void measure(McpJsonMapper json, List<Target> targets) throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    int maxClients = concurrency.stream().mapToInt(Integer::intValue).max().orElse(1);
    List<List<McpSyncClient>> clients = new ArrayList<>();
    for (Target target : targets) {
      clients.add(clients(json, target.uri(), target.token(), maxClients));
    }
    try {
      for (int t = 0; t < targets.size(); t++) {
        LatencyRun.run(clients.get(t).subList(0, 1), targets.get(t).tool(), warmup);
      }
      out.printf(
          "| clients | path | p50 µs | p90 µs | p99 µs | calls/s |%n|---|---|---|---|---|---|%n");
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
        direct.print(out, c, "direct");
        for (int t = 1; t < targets.size(); t++) {
          sides.get(t).print(out, c, "through " + targets.get(t).name());
        }
        for (int t = 1; t < targets.size(); t++) {
          Side side = sides.get(t);
          out.printf(
              "| %d | added by %s | %.0f | %.0f | %.0f | %.0f%% of direct |%n",
              c,
              targets.get(t).name(),
              side.percentile(50) - direct.percentile(50),
              side.percentile(90) - direct.percentile(90),
              side.percentile(99) - direct.percentile(99),
              100 * side.callsPerSecond() / direct.callsPerSecond());
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
    private int rounds;

    void add(LatencyRun.Result result) {
      latency.add(result.latencyNanos());
      callsPerSecondSum += result.callsPerSecond();
      rounds++;
    }

    double percentile(double p) {
      return latency.getValueAtPercentile(p) / 1000.0;
    }

    double callsPerSecond() {
      return callsPerSecondSum / rounds;
    }

    void print(PrintWriter out, int clients, String path) {
      out.printf(
          "| %d | %s | %.0f | %.0f | %.0f | %.0f |%n",
          clients, path, percentile(50), percentile(90), percentile(99), callsPerSecond());
    }
  }

  private static GatehouseConfig config(Path data, String upstreamUrl) {
    ServerSettings settings =
        new ServerSettings(
            "127.0.0.1",
            0,
            data,
            List.of("127.0.0.1:*"),
            List.of("http://127.0.0.1:*"),
            Duration.ofMinutes(30));
    UpstreamSpec.Http upstream =
        new UpstreamSpec.Http(
            "bench",
            Optional.of("bench"),
            Duration.ofSeconds(30),
            URI.create(upstreamUrl),
            Map.of());
    Path policies = data.resolve("policies");
    try {
      Files.createDirectories(policies);
      // The shipped default set (its detector rules run on every call), plus the bench's tool.
      for (Path shipped : shippedPolicies()) {
        Files.copy(shipped, policies.resolve(shipped.getFileName()));
      }
      Files.writeString(
          policies.resolve("zz-bench.yaml"),
          "rules:\n  - id: bench-echo\n    tools: [bench__echo]\n    action: allow\n");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return GatehouseConfig.of(data.resolve("gatehouse.yaml"), settings, List.of(upstream))
        .withPolicies(policies);
  }

  /** The policy files shipped in {@code policies/} beside the launcher, if there are any. */
  private static List<Path> shippedPolicies() throws java.io.IOException {
    Path dir = Path.of(System.getProperty("gatehouse.home", ".")).resolve("policies");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (var files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList();
    }
  }

  private static void awaitTool(HttpFrontDoor door) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!door.serves("bench__echo")) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the bench upstream did not come up");
      }
      Thread.sleep(20);
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
