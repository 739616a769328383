package dev.gatehouse.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jwt.SignedJWT;
import dev.gatehouse.server.auth.SigningKeys;
import dev.gatehouse.server.auth.VaultSigningKeyStore;
import dev.gatehouse.server.cli.Main;
import dev.gatehouse.server.testing.GatewayHarness;
import dev.gatehouse.server.testing.PostgresPair;
import dev.gatehouse.server.testing.RawMcpSession;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes share one PostgreSQL database and so one agent signing key set (the vault secret
 * {@value VaultSigningKeyStore#SECRET}): {@code gatehouse agent rotate-key} run with node A's
 * config makes node B refuse tokens of the old key within a second and accept tokens issued on A
 * after.
 */
class SigningKeyClusterTest {
  @TempDir static Path data;
  static PostgresPair cluster;
  static GatewayHarness nodeA;
  static GatewayHarness nodeB;
  static Path configA;

  @BeforeAll
  static void start() throws Exception {
    cluster = PostgresPair.start(data);
    nodeA = cluster.a();
    nodeB = cluster.b();
    configA = cluster.cliConfigOfA();
  }

  @AfterAll
  static void stop() throws Exception {
    cluster.close();
  }

  private static int initializeWith(GatewayHarness node, String token) throws Exception {
    return new RawMcpSession(node.mcpUri(), token)
        .post(
            "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}")
        .statusCode();
  }

  private static String run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] all = java.util.Arrays.copyOf(args, args.length + 2);
    all[args.length] = "--config";
    all[args.length + 1] = configA.toString();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), all);
    assertThat(code).as(err.toString()).isZero();
    return out.toString();
  }

  @Test
  void aRotationThroughNodeAIsObeyedByNodeBWithinASecond() throws Exception {
    String before = nodeA.token("cluster-agent");
    assertThat(initializeWith(nodeB, before)).isEqualTo(200);

    String printed = run("agent", "rotate-key");
    long rotatedAt = System.nanoTime();
    assertThat(printed).contains("new agent signing key");

    await()
        .pollInterval(Duration.ofMillis(20))
        .atMost(SigningKeys.RELOAD_DELAY.plusMillis(500))
        .until(() -> initializeWith(nodeB, before) == 401);
    System.out.printf(
        "rotation took effect on node B after %d ms%n",
        (System.nanoTime() - rotatedAt) / 1_000_000);
    await()
        .pollInterval(Duration.ofMillis(20))
        .atMost(SigningKeys.RELOAD_DELAY.plusMillis(500))
        .until(() -> initializeWith(nodeA, before) == 401);

    String after = nodeA.token("cluster-agent");
    assertThat(SignedJWT.parse(after).getHeader().getKeyID())
        .isNotEqualTo(SignedJWT.parse(before).getHeader().getKeyID());
    assertThat(initializeWith(nodeB, after)).isEqualTo(200);
    String fromCli = run("agent", "create", "cluster-agent").strip();
    assertThat(initializeWith(nodeB, fromCli)).isEqualTo(200);
    assertThat(nodeB.gateway().audit().tail(50))
        .anyMatch(r -> r.outcome().equals("signing_key_rotated"));
  }

  @Test
  void withKeepPreviousNodeBStillAcceptsOldTokensAfterSwitching() throws Exception {
    String before = nodeA.token("patient-cluster-agent");
    run("agent", "rotate-key", "--keep-previous", "1h");
    String newKey = nodeA.gateway().signingKeyStore().read().current().getKeyID();
    await()
        .pollInterval(Duration.ofMillis(20))
        .atMost(SigningKeys.RELOAD_DELAY.plusMillis(500))
        .until(
            () ->
                SignedJWT.parse(nodeB.token("patient-cluster-agent"))
                    .getHeader()
                    .getKeyID()
                    .equals(newKey));
    assertThat(initializeWith(nodeB, before)).isEqualTo(200);
  }
}
