package dev.gatehouse.server.it;

import static org.awaitility.Awaitility.await;

import dev.gatehouse.server.testing.RawMcpSession;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The shipped {@code examples/cluster/} run as users run it: its files copied into a temporary
 * folder with only ports, the database name and paths replaced (each replaced text must be found,
 * so the example stays the source of truth), a fresh PostgreSQL database owned by the example's
 * {@code gatehouse} user, the shared Redis, both nodes as {@code gatehouse serve} processes and
 * {@code haproxy} in front of them.
 */
final class ClusterExample implements AutoCloseable {
  static final Path EXAMPLE = Path.of("../examples/cluster").toAbsolutePath().normalize();
  static final List<String> NODES = List.of("gw-a", "gw-b");
  private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
  private static final Duration START = Duration.ofMinutes(3);

  private final Path dir;
  private final String database;
  private final int front;
  private final Map<String, Path> configs = new LinkedHashMap<>();
  private final Map<String, Process> nodes = new LinkedHashMap<>();
  private final String token;
  private Process haproxy;

  private ClusterExample(Path dir, String database, int front, String agent)
      throws IOException, InterruptedException {
    this.dir = dir;
    this.database = database;
    this.front = front;
    int portA = freePort();
    int portB = freePort();
    copyPolicies();
    configs.put("gw-a", node("node-a.yaml", 8081, portA));
    configs.put("gw-b", node("node-b.yaml", 8082, portB));
    String cfg = Files.readString(EXAMPLE.resolve("haproxy.cfg"));
    cfg = replace(cfg, "127.0.0.1:8080", "127.0.0.1:" + front);
    cfg = replace(cfg, "127.0.0.1:8081", "127.0.0.1:" + portA);
    cfg = replace(cfg, "127.0.0.1:8082", "127.0.0.1:" + portB);
    Files.writeString(dir.resolve("haproxy.cfg"), cfg);
    // The README's step: the database password into each node's own store.
    for (Path config : configs.values()) {
      cli("change-me", "secret", "set", "--node", "PG_PASSWORD", "--config", config.toString());
    }
    for (String node : NODES) {
      start(node);
    }
    for (String node : NODES) {
      awaitServing(node);
    }
    token = cli(null, "agent", "create", agent, "--config", configs.get("gw-a").toString()).strip();
    haproxy =
        new ProcessBuilder(
                haproxy().orElseThrow().toString(),
                "-db",
                "-f",
                dir.resolve("haproxy.cfg").toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("haproxy.log").toFile())
            .start();
    awaitBothInRotation();
  }

  /** The {@code haproxy} program: on the PATH, or where Debian's package puts it. */
  static Optional<Path> haproxy() {
    return Stream.concat(Stream.of(System.getenv("PATH").split(":")), Stream.of("/usr/sbin"))
        .filter(dir -> !dir.isEmpty())
        .map(dir -> Path.of(dir, "haproxy"))
        .filter(Files::isExecutable)
        .findFirst();
  }

  /** Creates the database (and the example's user when missing), then starts everything. */
  static ClusterExample start(Path dir) throws Exception {
    String database =
        "gatehouse_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    admin(
        "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'gatehouse') THEN"
            + " CREATE ROLE gatehouse LOGIN PASSWORD 'change-me'; END IF; END $$");
    admin("CREATE DATABASE " + database + " OWNER gatehouse");
    try {
      return new ClusterExample(dir, database, freePort(), "it-" + database.substring(13));
    } catch (Exception | Error e) {
      admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
      throw e;
    }
  }

  URI mcp() {
    return URI.create("http://127.0.0.1:" + front + "/mcp");
  }

  String token() {
    return token;
  }

  Path config(String node) {
    return configs.get(node);
  }

  static String other(String node) {
    return node.equals("gw-a") ? "gw-b" : "gw-a";
  }

  /** The node HAProxy sent a request to (the example's {@code X-Gatehouse-Node} header). */
  static String servedBy(HttpResponse<?> response) {
    return response.headers().firstValue("X-Gatehouse-Node").orElseThrow();
  }

  /** {@code kill -9} of a node's process. */
  void kill(String node) throws InterruptedException {
    Process process = nodes.get(node);
    process.destroyForcibly();
    process.waitFor();
  }

  /** Restarts the nodes that are not running and waits until HAProxy sends work to both. */
  void ensureBothUp() throws Exception {
    for (String node : NODES) {
      if (!nodes.get(node).isAlive()) {
        start(node);
        awaitServing(node);
      }
    }
    awaitBothInRotation();
  }

  /** Runs a gatehouse CLI command to its end, {@code stdin} as its input; returns its output. */
  static String cli(String stdin, String... args) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(Launched.gatehouse(args))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    try (var in = process.getOutputStream()) {
      if (stdin != null) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
    }
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IllegalStateException("gatehouse " + String.join(" ", args) + " failed: " + out);
    }
    return out;
  }

  private void start(String node) throws IOException {
    Path log = dir.resolve(node + ".log");
    Files.deleteIfExists(log);
    nodes.put(
        node,
        new ProcessBuilder(Launched.gatehouse("serve", "--config", configs.get(node).toString()))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start());
  }

  private void awaitServing(String node) {
    Path log = dir.resolve(node + ".log");
    await()
        .atMost(START)
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> {
              if (!nodes.get(node).isAlive()) {
                throw new IllegalStateException(node + " stopped:\n" + Files.readString(log));
              }
              return Files.readString(log).contains(" is serving ");
            });
  }

  /** Initializes sessions through HAProxy until both nodes have answered one. */
  private void awaitBothInRotation() {
    Set<String> seen = new HashSet<>();
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .ignoreExceptions()
        .until(
            () -> {
              RawMcpSession session = new RawMcpSession(mcp(), token).open();
              seen.add(
                  servedBy(session.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}")));
              return seen.containsAll(NODES);
            });
  }

  private Path node(String file, int examplePort, int port) throws IOException {
    String yaml = Files.readString(EXAMPLE.resolve(file));
    yaml = replace(yaml, "port: " + examplePort, "port: " + port);
    yaml = replace(yaml, "5432/gatehouse\"", "5432/" + database + "\"");
    yaml = replace(yaml, "../../data/cluster/", "./data/");
    yaml = replace(yaml, "command: java", "command: " + Launched.java());
    yaml =
        replace(
            yaml,
            "../demo-upstream/target/gatehouse-demo-upstream.jar",
            Launched.DEMO_JAR.toString());
    Path config = dir.resolve(file);
    Files.writeString(config, yaml);
    return config;
  }

  private void copyPolicies() throws IOException {
    Path target = Files.createDirectories(dir.resolve("policies"));
    try (Stream<Path> files = Files.list(EXAMPLE.resolve("policies"))) {
      for (Path file : files.toList()) {
        Files.copy(file, target.resolve(file.getFileName()));
      }
    }
  }

  private static String replace(String text, String from, String to) {
    if (!text.contains(from)) {
      throw new IllegalStateException("the example no longer contains '" + from + "'");
    }
    return text.replace(from, to);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void admin(String statement) {
    try (Connection c = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
        Statement s = c.createStatement()) {
      s.execute(statement);
    } catch (SQLException e) {
      throw new IllegalStateException(statement + ": " + e.getMessage(), e);
    }
  }

  /** The last lines of every log, for a failing run. */
  String logs() {
    StringBuilder out = new StringBuilder();
    for (String name : List.of("gw-a.log", "gw-b.log", "haproxy.log")) {
      try {
        List<String> lines = Files.readAllLines(dir.resolve(name));
        out.append("--- ").append(name).append('\n');
        lines
            .subList(Math.max(0, lines.size() - 25), lines.size())
            .forEach(l -> out.append(l).append('\n'));
      } catch (IOException e) {
        out.append("--- ").append(name).append(": ").append(e.getMessage()).append('\n');
      }
    }
    return out.toString();
  }

  @Override
  public void close() {
    if (haproxy != null) {
      haproxy.destroy();
    }
    nodes.values().forEach(Process::destroy);
    try {
      for (Process p : nodes.values()) {
        if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }
  }
}
