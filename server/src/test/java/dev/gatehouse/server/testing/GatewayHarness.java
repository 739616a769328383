package dev.gatehouse.server.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.approvals.ApprovalSettings;
import dev.gatehouse.connectors.UpstreamSpec;
import dev.gatehouse.server.Gateway;
import dev.gatehouse.server.config.ClusterSettings;
import dev.gatehouse.server.config.GatehouseConfig;
import dev.gatehouse.server.config.ServerSettings;
import dev.gatehouse.server.http.HttpFrontDoor;
import dev.gatehouse.server.store.Database;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/** A real gateway on a free port, with its store in a temporary folder, for component tests. */
public final class GatewayHarness implements AutoCloseable {
  private final Gateway gateway;
  private final HttpFrontDoor door;
  private final int port;

  private GatewayHarness(Gateway gateway, HttpFrontDoor door, int port) {
    this.gateway = gateway;
    this.door = door;
    this.port = port;
  }

  public static GatewayHarness start(Path dataDir, List<UpstreamSpec> upstreams) throws Exception {
    return start(dataDir, upstreams, java.util.Optional.empty());
  }

  /**
   * Approvals in tests that are not about them: a call that needs one waits a second, then is told
   * it is pending.
   */
  public static final ApprovalSettings SHORT_HOLD =
      ApprovalSettings.DEFAULT.withHold(Duration.ofSeconds(1));

  private static GatewayHarness start(
      Path dataDir, List<UpstreamSpec> upstreams, java.util.Optional<Path> policies)
      throws Exception {
    return start(dataDir, upstreams, policies, SHORT_HOLD);
  }

  /** Starts a gateway whose policies come from {@code policies}, with these approval settings. */
  public static GatewayHarness start(
      Path dataDir, List<UpstreamSpec> upstreams, Path policies, ApprovalSettings approvals)
      throws Exception {
    return start(dataDir, upstreams, java.util.Optional.of(policies), approvals);
  }

  private static GatewayHarness start(
      Path dataDir,
      List<UpstreamSpec> upstreams,
      java.util.Optional<Path> policies,
      ApprovalSettings approvals)
      throws Exception {
    return start(dataDir, upstreams, policies, approvals, config -> config);
  }

  /**
   * Starts a gateway whose policies come from {@code policies}, its config changed by {@code
   * adjust} (cluster settings, for instance).
   */
  public static GatewayHarness start(
      Path dataDir,
      List<UpstreamSpec> upstreams,
      Path policies,
      java.util.function.UnaryOperator<GatehouseConfig> adjust)
      throws Exception {
    return start(dataDir, upstreams, java.util.Optional.of(policies), SHORT_HOLD, adjust);
  }

  private static GatewayHarness start(
      Path dataDir,
      List<UpstreamSpec> upstreams,
      java.util.Optional<Path> policies,
      ApprovalSettings approvals,
      java.util.function.UnaryOperator<GatehouseConfig> adjust)
      throws Exception {
    ServerSettings settings =
        new ServerSettings(
            "127.0.0.1",
            0,
            dataDir,
            List.of("localhost:*", "127.0.0.1:*"),
            List.of("http://localhost:*", "http://127.0.0.1:*"),
            Duration.ofMinutes(30));
    GatehouseConfig config =
        adjust.apply(
            GatehouseConfig.of(dataDir.resolve("gatehouse.yaml"), settings, upstreams)
                .withPolicies(
                    policies.isPresent() ? policies.get() : allowAll(dataDir.resolve("policies")))
                .withApprovals(approvals));
    Gateway gateway = Gateway.start(config, InstantSource.system(), Duration.ofMillis(200));
    HttpFrontDoor door = new HttpFrontDoor(gateway);
    int port = door.start();
    return new GatewayHarness(gateway, door, port);
  }

  /** A policy directory that allows every call (component tests check the relay, not policy). */
  public static Path allowAll(Path directory) throws java.io.IOException {
    java.nio.file.Files.createDirectories(directory);
    java.nio.file.Files.writeString(directory.resolve("allow-all.yaml"), "default: allow\n");
    return directory;
  }

  /** Starts a gateway whose policies come from {@code policies}. */
  public static GatewayHarness start(Path dataDir, List<UpstreamSpec> upstreams, Path policies)
      throws Exception {
    return start(dataDir, upstreams, java.util.Optional.of(policies));
  }

  /**
   * Gives the node in {@code toDataDir} the vault keyset of the node in {@code fromDataDir}: the
   * nodes of a cluster must all hold the one that decrypts the shared secrets.
   */
  public static void shareVaultKeyset(Path fromDataDir, Path toDataDir) throws java.io.IOException {
    java.nio.file.Files.copy(
        fromDataDir.resolve(dev.gatehouse.server.config.VaultSettings.DEFAULT_FILE),
        java.nio.file.Files.createDirectories(toDataDir)
            .resolve(dev.gatehouse.server.config.VaultSettings.DEFAULT_FILE));
  }

  /**
   * A node of a cluster whose durable state is the PostgreSQL database {@code database}, in front
   * of the upstream {@code fake} at {@code upstreamUrl}, once it serves {@code fake__echo}.
   */
  public static GatewayHarness postgresNode(
      Path dataDir, String nodeId, String upstreamUrl, Database.Postgres database, Path policies)
      throws Exception {
    ClusterSettings.Database shared =
        new ClusterSettings.Database(database.url(), database.user(), Optional.empty());
    GatewayHarness node =
        start(
            java.nio.file.Files.createDirectories(dataDir),
            List.of(http("fake", upstreamUrl)),
            policies,
            config ->
                config.withCluster(
                    new ClusterSettings(nodeId, Optional.empty(), Optional.of(shared))));
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> node.door().serves("fake__echo"));
    return node;
  }

  public Gateway gateway() {
    return gateway;
  }

  public HttpFrontDoor door() {
    return door;
  }

  public int port() {
    return port;
  }

  public URI mcpUri() {
    return URI.create("http://127.0.0.1:" + port + "/mcp");
  }

  public String token(String agent, String... roles) {
    return gateway.issuer().issue(agent, Set.of(roles), Duration.ofHours(1));
  }

  /** An initialized SDK client that sends {@code token}. */
  public McpSyncClient client(String token) {
    return client(token, spec -> {});
  }

  public McpSyncClient client(String token, Consumer<McpClient.SyncSpec> customize) {
    HttpClientStreamableHttpTransport transport =
        HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + port)
            .endpoint("/mcp")
            .jsonMapper(new JacksonMcpJsonMapper(new ObjectMapper()))
            .httpRequestCustomizer(
                (builder, method, uri, body, context) ->
                    builder.header("Authorization", "Bearer " + token))
            .build();
    McpClient.SyncSpec spec =
        McpClient.sync(transport)
            .requestTimeout(Duration.ofSeconds(30))
            .clientInfo(new McpSchema.Implementation("test-agent", "1.0"));
    customize.accept(spec);
    McpSyncClient client = spec.build();
    client.initialize();
    return client;
  }

  public static UpstreamSpec.Http http(String name, String url) {
    return new UpstreamSpec.Http(
        name, Optional.of(name), Duration.ofSeconds(30), URI.create(url), Map.of());
  }

  public static UpstreamSpec.Stdio stdio(
      String name, List<String> commandLine, Map<String, String> env) {
    return new UpstreamSpec.Stdio(
        name,
        Optional.of(name),
        Duration.ofSeconds(30),
        commandLine.get(0),
        commandLine.subList(1, commandLine.size()),
        env,
        Path.of(".").toAbsolutePath().normalize());
  }

  @Override
  public void close() throws Exception {
    door.close();
    gateway.close();
  }
}
