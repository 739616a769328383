package dev.gatehouse.server.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.server.store.Database;
import dev.gatehouse.server.store.PolicyBundleStore;
import dev.gatehouse.server.testing.GatewayHarness;
import dev.gatehouse.server.testing.PostgresPair;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes on one PostgreSQL database, each with its own policy directory: the set in force is one
 * for the cluster, the last one loaded by any node from its directory.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SharedPoliciesTest {
  static final String ALLOW =
      "default: deny\nrules:\n  - { id: echo-ok, tools: [\"fake__echo\"], action: allow }\n";
  static final String DENY =
      "default: deny\nrules:\n  - { id: echo-off, tools: [\"fake__echo\"], action: deny,"
          + " reason: Switched off cluster-wide. }\n";

  @TempDir static Path data;
  static PostgresPair cluster;
  static GatewayHarness nodeA;
  static GatewayHarness nodeB;
  static Path rulesA;
  static Path rulesB;
  static McpSyncClient clientB;

  @BeforeAll
  static void start() throws Exception {
    rulesA = Files.createDirectories(data.resolve("rules-a"));
    rulesB = Files.createDirectories(data.resolve("rules-b"));
    write(rulesA.resolve("echo.yaml"), ALLOW);
    write(rulesB.resolve("echo.yaml"), DENY);
    cluster = PostgresPair.start(data, rulesA, rulesB);
    nodeA = cluster.a();
    nodeB = cluster.b();
    clientB = nodeB.client(nodeB.token("worker"));
  }

  @AfterAll
  static void stop() throws Exception {
    clientB.close();
    cluster.close();
  }

  /** Writes as editors and git do: a new file renamed over the old one. */
  static void write(Path file, String yaml) throws Exception {
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(temporary, yaml);
    Files.move(
        temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  static McpSchema.CallToolResult echo() {
    return clientB.callTool(new CallToolRequest("fake__echo", Map.of("text", "hi")));
  }

  static String revision(GatewayHarness node) {
    return node.gateway().policies().revision();
  }

  @Test
  @Order(1)
  void aStartingNodeAdoptsTheClustersNewestSetOverItsOwnDirectory() {
    assertThat(revision(nodeB)).isEqualTo(revision(nodeA));
    assertThat(echo().isError()).as("A's set allows what B's directory denies").isFalse();
  }

  @Test
  @Order(2)
  void aRuleWrittenToNodeAsDirectoryIsEnforcedOnNodeBWithinASecond() throws Exception {
    String before = revision(nodeA);
    write(rulesA.resolve("echo.yaml"), DENY.replace("cluster-wide", "from A"));
    await().atMost(Duration.ofSeconds(3)).until(() -> !revision(nodeA).equals(before));
    long loadedOnA = System.nanoTime();
    await()
        .atMost(Duration.ofSeconds(1))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> Boolean.TRUE.equals(echo().isError()));
    Duration seen = Duration.ofNanos(System.nanoTime() - loadedOnA);
    System.out.println("policy set loaded on A, enforced on B after " + seen.toMillis() + " ms");
    assertThat(seen).isLessThan(Duration.ofSeconds(1));
    assertThat(((McpSchema.TextContent) echo().content().get(0)).text())
        .contains("Switched off from A.");
    assertThat(revision(nodeB)).isEqualTo(revision(nodeA));
  }

  @Test
  @Order(3)
  void aBrokenSetInTheDatabaseNeverReplacesTheLastGoodOne() {
    String good = revision(nodeB);
    long failedBefore = nodeB.gateway().failedPolicyReloads();
    try (Database database = cluster.store().open()) {
      new PolicyBundleStore(database.jdbi())
          .store(
              "badbadbadbad",
              new TreeMap<>(Map.of("echo.yaml", "default: maybe\nrules: [\n")),
              "gw-x",
              Instant.now());
    }
    await()
        .atMost(Duration.ofSeconds(2))
        .until(() -> nodeB.gateway().failedPolicyReloads() > failedBefore);
    assertThat(revision(nodeB)).isEqualTo(good);
    assertThat(revision(nodeA)).isEqualTo(good);
  }

  @Test
  @Order(4)
  void touchingNodeBsDirectoryMakesItsSetTheClusters() throws Exception {
    write(rulesB.resolve("echo.yaml"), ALLOW);
    await()
        .atMost(Duration.ofSeconds(3))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> !Boolean.TRUE.equals(echo().isError()));
    await().atMost(Duration.ofSeconds(2)).until(() -> revision(nodeA).equals(revision(nodeB)));
  }
}
