package dev.gatehouse.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.server.Gateway;
import dev.gatehouse.server.cli.Main;
import dev.gatehouse.server.config.ConfigLoader;
import dev.gatehouse.server.testing.RedisServer;
import dev.gatehouse.shield.yaml.InvalidFileException;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cluster.redis.password} comes from the vault, like every other secret in the config. */
class RedisPasswordTest {
  static final String PASSWORD = "rd-" + "Qw3Er5Ty7Ui9Op1As";

  @TempDir Path dir;
  RedisServer redis;
  Path config;

  @BeforeEach
  void start() throws Exception {
    redis = RedisServer.start(dir, "--requirepass", PASSWORD);
    config = dir.resolve("gatehouse.yaml");
    Files.writeString(
        config,
        """
        server: { port: 0, data_dir: ./data }
        cluster:
          node_id: gw-vault
          redis:
            url: "%s"
            password: "${secret:REDIS_PASSWORD}"
        """
            .formatted(redis.url()));
  }

  @AfterEach
  void stop() throws Exception {
    redis.close();
  }

  private void setSecret(String value) {
    StringWriter out = new StringWriter();
    Main.run(
        new ByteArrayInputStream((value + "\n").getBytes(StandardCharsets.UTF_8)),
        new PrintWriter(out),
        new PrintWriter(out),
        "secret",
        "set",
        "REDIS_PASSWORD",
        "--config",
        config.toString());
    assertThat(out.toString()).contains("secret REDIS_PASSWORD set");
  }

  private Gateway gateway() {
    return Gateway.start(ConfigLoader.load(config), InstantSource.system(), Duration.ofSeconds(1));
  }

  @Test
  void anUnknownSecretStopsTheGatewayWithItsPlace() {
    assertThatThrownBy(this::gateway)
        .isInstanceOf(InvalidFileException.class)
        .hasMessageContaining(
            "gatehouse.yaml:6:15: 'cluster.redis' refers to the unknown secret 'REDIS_PASSWORD'"
                + " (set it with: gatehouse secret set REDIS_PASSWORD)");
  }

  @Test
  void thePasswordFromTheVaultAuthenticatesAndAWrongOneLeavesTheNodeDegraded() {
    setSecret(PASSWORD);
    try (Gateway gateway = gateway()) {
      assertThat(gateway.status(List.of()).status()).isEqualTo("ok");
      assertThat(gateway.status(List.of()).problems()).isEmpty();
    }
    setSecret("not-the-password");
    try (Gateway gateway = gateway()) {
      await()
          .atMost(Duration.ofSeconds(5))
          .untilAsserted(
              () -> assertThat(gateway.status(List.of()).status()).isEqualTo("degraded"));
      assertThat(gateway.status(List.of()).problems().toString())
          .contains("shared Redis")
          .doesNotContain("not-the-password")
          .doesNotContain(PASSWORD);
    }
  }
}
