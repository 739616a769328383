package dev.gatehouse.server.cli;

import dev.gatehouse.connectors.UpstreamState;
import dev.gatehouse.server.Gateway;
import dev.gatehouse.server.config.GatehouseConfig;
import dev.gatehouse.server.http.HttpFrontDoor;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;

/** {@code gatehouse serve}: the gateway over Streamable HTTP until stopped. */
@CommandLine.Command(name = "serve", description = "Start the gateway (Streamable HTTP at /mcp).")
final class ServeCommand implements Callable<Integer> {
  static final String DEV_AGENT = "dev";
  static final Duration DEV_TOKEN_TTL = Duration.ofHours(12);
  private static final Duration STARTUP_WAIT = Duration.ofSeconds(20);

  @CommandLine.Mixin ConfigOption config;

  @CommandLine.Option(
      names = "--dev-token",
      description =
          "issue and print a token for agent 'dev' (valid 12h) with the claude mcp add line")
  boolean devToken;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    GatehouseConfig loaded = config.load();
    Gateway gateway = Gateway.start(loaded, InstantSource.system(), Duration.ofSeconds(1));
    HttpFrontDoor door = new HttpFrontDoor(gateway);
    int port = door.start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    door.close();
                  } catch (Exception e) {
                    // shutting down anyway
                  }
                  gateway.close();
                  stopped.countDown();
                }));
    awaitUpstreams(gateway);
    announce(loaded, gateway, door, port);
    stopped.await();
    return 0;
  }

  private static void awaitUpstreams(Gateway gateway) throws InterruptedException {
    long deadline = System.nanoTime() + STARTUP_WAIT.toNanos();
    while (System.nanoTime() < deadline
        && gateway.upstreams().stream()
            .anyMatch(u -> u.status().state() == UpstreamState.STARTING)) {
      Thread.sleep(50);
    }
  }

  private void announce(GatehouseConfig loaded, Gateway gateway, HttpFrontDoor door, int port) {
    PrintWriter out = spec.commandLine().getOut();
    String url = loaded.server().mcpUrl(port);
    var status = door.status();
    int upstreams = status.upstreams().size();
    out.printf(
        "Gatehouse %s is serving %d tools from %d upstream%s at %s (config %s)%n",
        status.version(),
        status.tools(),
        upstreams,
        upstreams == 1 ? "" : "s",
        url,
        loaded.source());
    status.upstreams().stream()
        .filter(u -> u.state() != UpstreamState.READY)
        .forEach(u -> out.printf("  upstream %s is %s: %s%n", u.name(), u.state(), u.detail()));
    if (devToken) {
      String token = gateway.issuer().issue(DEV_AGENT, Set.of("dev"), DEV_TOKEN_TTL);
      out.printf("Dev agent token (agent '%s', valid 12h):%n  %s%n", DEV_AGENT, token);
      out.printf(
          "Register Gatehouse in Claude Code:%n  claude mcp add --transport http gatehouse %s --header"
              + " \"Authorization: Bearer %s\"%n",
          url, token);
    }
    out.println("Press Ctrl-C to stop.");
    out.flush();
  }
}
