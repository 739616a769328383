package dev.gatehouse.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.SignedJWT;
import dev.gatehouse.server.auth.FileSigningKeyStore;
import dev.gatehouse.server.auth.SigningKeys;
import dev.gatehouse.server.testing.GatewayHarness;
import dev.gatehouse.server.testing.RawMcpSession;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gatehouse agent rotate-key} run against the config of a running gateway: the gateway
 * follows within a second, refusing tokens of the old key (or keeping them for {@code
 * --keep-previous}) and accepting tokens of the new one.
 */
class AgentRotateKeyTest {
  @TempDir static Path dir;
  static Path config;
  static GatewayHarness harness;

  record Run(int code, String out, String err) {}

  @BeforeAll
  static void start() throws Exception {
    config = dir.resolve("gatehouse.yaml");
    Files.writeString(config, "server: { port: 0, data_dir: ./data }\n");
    harness = GatewayHarness.start(Files.createDirectories(dir.resolve("data")), List.of());
  }

  @AfterAll
  static void stop() throws Exception {
    harness.close();
  }

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] all = java.util.Arrays.copyOf(args, args.length + 2);
    all[args.length] = "--config";
    all[args.length + 1] = config.toString();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), all);
    return new Run(code, out.toString(), err.toString());
  }

  private static int initializeWith(String token) throws Exception {
    return new RawMcpSession(harness.mcpUri(), token)
        .post(
            "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}")
        .statusCode();
  }

  private static String keyIdOf(String token) throws Exception {
    return SignedJWT.parse(token).getHeader().getKeyID();
  }

  @Test
  void aRotationRefusesOldTokensWithinASecondAndNewTokensWork() throws Exception {
    String before = harness.token("rotated-agent");
    assertThat(initializeWith(before)).isEqualTo(200);

    Run rotation = run("agent", "rotate-key");
    long rotatedAt = System.nanoTime();
    assertThat(rotation.code()).as(rotation.err()).isZero();
    assertThat(rotation.out())
        .contains("new agent signing key")
        .contains("refused from now on")
        .doesNotContain("\"d\"");

    await()
        .pollInterval(Duration.ofMillis(20))
        .atMost(SigningKeys.RELOAD_DELAY.plusMillis(500))
        .until(() -> initializeWith(before) == 401);
    System.out.printf(
        "rotation took effect on the running gateway after %d ms%n",
        (System.nanoTime() - rotatedAt) / 1_000_000);

    Run created = run("agent", "create", "rotated-agent");
    assertThat(created.code()).as(created.err()).isZero();
    String after = created.out().strip();
    assertThat(keyIdOf(after)).isNotEqualTo(keyIdOf(before));
    assertThat(initializeWith(after)).isEqualTo(200);
    assertThat(initializeWith(harness.token("rotated-agent"))).isEqualTo(200);

    assertThat(harness.gateway().audit().tail(20))
        .filteredOn(r -> r.outcome().equals("signing_key_rotated"))
        .isNotEmpty()
        .allSatisfy(
            r -> {
              assertThat(r.agent()).isEqualTo(ByOption.loginName());
              assertThat(r.reason()).contains("rotated by " + ByOption.loginName());
            });
  }

  @Test
  void withKeepPreviousOldTokensStillWorkAfterTheGatewaySwitchedKeys() throws Exception {
    String before = harness.token("patient-agent");
    assertThat(initializeWith(before)).isEqualTo(200);

    Run rotation = run("agent", "rotate-key", "--keep-previous", "24h");
    assertThat(rotation.code()).as(rotation.err()).isZero();
    assertThat(rotation.out()).contains("accepted until");
    String newKey = new FileSigningKeyStore(dir.resolve("data")).read().current().getKeyID();

    // Once the running gateway signs with the new key, it has re-read the set.
    await()
        .pollInterval(Duration.ofMillis(20))
        .atMost(SigningKeys.RELOAD_DELAY.plusMillis(500))
        .until(() -> keyIdOf(harness.token("patient-agent")).equals(newKey));
    assertThat(initializeWith(before)).isEqualTo(200);
    assertThat(initializeWith(harness.token("patient-agent"))).isEqualTo(200);
  }

  @Test
  void aBadKeepPreviousIsRefusedAndNothingRotates() throws Exception {
    String keyId = new FileSigningKeyStore(dir.resolve("data")).read().current().getKeyID();
    Run run = run("agent", "rotate-key", "--keep-previous", "soon");
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("--keep-previous must be a duration");
    assertThat(new FileSigningKeyStore(dir.resolve("data")).read().current().getKeyID())
        .isEqualTo(keyId);
  }

  @Test
  void keysThatChangedButCannotBeReadAreAProblemInTheStatusUntilTheyCanBe() throws Exception {
    Path file = dir.resolve("data").resolve(FileSigningKeyStore.FILE_NAME);
    String good = Files.readString(file);
    try {
      Files.writeString(file, "{ damaged");
      await()
          .pollInterval(Duration.ofMillis(50))
          .atMost(Duration.ofSeconds(5))
          .until(() -> problems().contains(SigningKeys.CHANGED_BUT_UNREADABLE));
      assertThat(harness.gateway().status(List.of()).status()).isEqualTo("degraded");
    } finally {
      Files.writeString(file, good);
    }
    await()
        .pollInterval(Duration.ofMillis(50))
        .atMost(Duration.ofSeconds(5))
        .until(() -> !problems().contains(SigningKeys.CHANGED_BUT_UNREADABLE));
  }

  private static String problems() throws Exception {
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + harness.port() + "/healthz"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      return new ObjectMapper().readTree(response.body()).get("problems").toString();
    }
  }
}
