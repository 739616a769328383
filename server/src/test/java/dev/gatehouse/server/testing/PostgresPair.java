package dev.gatehouse.server.testing;

import dev.gatehouse.server.store.TestStore;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Two gateway nodes, {@code gw-a} and {@code gw-b}, in front of one fake upstream, sharing a fresh
 * PostgreSQL database and one vault keyset: the cluster every cluster test starts from.
 */
public final class PostgresPair implements AutoCloseable {
  private final Path data;
  private final TestStore.Postgres store;
  private final FakeHttpUpstream upstream;
  private final GatewayHarness a;
  private final GatewayHarness b;

  private PostgresPair(
      Path data,
      TestStore.Postgres store,
      FakeHttpUpstream upstream,
      GatewayHarness a,
      GatewayHarness b) {
    this.data = data;
    this.store = store;
    this.upstream = upstream;
    this.a = a;
    this.b = b;
  }

  /** Both nodes allow every tool. */
  public static PostgresPair start(Path data) throws Exception {
    Path policies = GatewayHarness.allowAll(Files.createDirectories(data.resolve("rules")));
    return start(data, policies, policies);
  }

  /** Each node with its own policy directory (node data under {@code data/gw-a}, {@code gw-b}). */
  public static PostgresPair start(Path data, Path policiesA, Path policiesB) throws Exception {
    TestStore.Postgres store = TestStore.postgres();
    FakeHttpUpstream upstream = new FakeHttpUpstream().start();
    GatewayHarness a = node(data, "gw-a", upstream, store, policiesA);
    // Every node must hold the same vault keyset (keyset_file copied, or keyset_env).
    GatewayHarness.shareVaultKeyset(data.resolve("gw-a"), data.resolve("gw-b"));
    GatewayHarness b = node(data, "gw-b", upstream, store, policiesB);
    return new PostgresPair(data, store, upstream, a, b);
  }

  private static GatewayHarness node(
      Path data, String name, FakeHttpUpstream upstream, TestStore.Postgres store, Path policies)
      throws Exception {
    return GatewayHarness.postgresNode(
        data.resolve(name), name, upstream.url(), store.where(), policies);
  }

  public GatewayHarness a() {
    return a;
  }

  public GatewayHarness b() {
    return b;
  }

  public TestStore.Postgres store() {
    return store;
  }

  /** A config for {@code gatehouse} commands run on node A: its data directory, the database. */
  public Path cliConfigOfA() throws java.io.IOException {
    Path config = data.resolve("gw-a.yaml");
    Files.writeString(
        config,
        """
        server: { data_dir: "%s" }
        cluster:
          node_id: gw-a
          database: { url: "%s", user: %s }
        """
            .formatted(data.resolve("gw-a"), store.where().url(), TestStore.USER));
    return config;
  }

  @Override
  public void close() throws Exception {
    a.close();
    b.close();
    upstream.close();
    store.close();
  }
}
