package dev.gatehouse.server.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.connectors.UpstreamSpec;
import dev.gatehouse.server.Gateway;
import dev.gatehouse.server.config.GatehouseConfig;
import dev.gatehouse.server.config.ServerSettings;
import dev.gatehouse.server.http.HttpFrontDoor;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
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
    subcommands = {
      ShieldBenchCommand.class,
      AuditBenchCommand.class,
      SessionsBenchCommand.class,
      EchoUpstreamCommand.class
    })
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

  @CommandLine.Option(
      names = "--bare-hop",
      description =
          "also measure a bare HTTP forwarder (same Jetty and JDK HTTP client stacks, no MCP"
              + " parsing, no pipeline, no audit): the least any separate hop costs")
  boolean bareHop;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    McpJsonMapper json = new JacksonMcpJsonMapper(new ObjectMapper());
    if (!against.isEmpty()) {
      new Comparison(spec.commandLine().getOut(), calls, rounds, warmup, false)
          .measure(json, remoteTargets(), concurrency);
      return 0;
    }
    if (upstreamUrl.isPresent()) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--upstream is used with --against (gateways already running)");
    }
    try (ScratchDirectory scratch = new ScratchDirectory("gatehouse-bench");
        EchoUpstream upstream = new EchoUpstream(json);
        Gateway gateway =
            Gateway.start(
                config(scratch.path(), upstream.url()),
                InstantSource.system(),
                Duration.ofSeconds(1));
        HttpFrontDoor door = new HttpFrontDoor(gateway);
        BareHop jdkHop =
            bareHop ? new BareHop(URI.create(upstream.url()), BareHop.Client.JDK) : null;
        BareHop jettyHop =
            bareHop ? new BareHop(URI.create(upstream.url()), BareHop.Client.JETTY) : null) {
      int port = door.start();
      awaitTool(door);
      String token = gateway.issuer().issue("bench", Set.of(), Duration.ofHours(1));
      List<Comparison.Target> targets = new ArrayList<>();
      targets.add(
          new Comparison.Target("direct", URI.create(upstream.url()), Optional.empty(), "echo"));
      if (bareHop) {
        targets.add(
            new Comparison.Target(
                "a bare hop (JDK client)", jdkHop.url(), Optional.empty(), "echo"));
        targets.add(
            new Comparison.Target(
                "a bare hop (Jetty client)", jettyHop.url(), Optional.empty(), "echo"));
      }
      targets.add(
          new Comparison.Target(
              "Gatehouse",
              URI.create("http://127.0.0.1:" + port + "/mcp"),
              Optional.of(token),
              "bench__echo"));
      new Comparison(spec.commandLine().getOut(), calls, rounds, warmup, true)
          .measure(json, targets, concurrency);
    }
    return 0;
  }

  private List<Comparison.Target> remoteTargets() {
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
    List<Comparison.Target> targets = new ArrayList<>();
    targets.add(new Comparison.Target("direct", direct, Optional.empty(), "echo"));
    for (String entry : against) {
      int eq = entry.indexOf('=');
      if (eq < 1) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--against takes NAME=URL, e.g. cluster=http://127.0.0.1:8080/mcp");
      }
      targets.add(
          new Comparison.Target(
              entry.substring(0, eq),
              URI.create(entry.substring(eq + 1)),
              Optional.of(token),
              tool));
    }
    return targets;
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
}
