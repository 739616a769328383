package dev.gatehouse.server.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.server.Gateway;
import dev.gatehouse.server.cli.Main;
import dev.gatehouse.server.config.ConfigLoader;
import dev.gatehouse.shield.yaml.InvalidFileException;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ${secret:NAME}} in the config, and the {@code gatehouse secret} verbs. */
class SecretConfigTest {
  static final String VALUE = "gh-" + "Nb7Vc5Xz3Lk1Jh9Gf2Ds4Ap6";

  @TempDir Path dir;
  Path config;

  @BeforeEach
  void write() throws Exception {
    config = dir.resolve("gatehouse.yaml");
    Files.writeString(
        config,
        """
        server: { port: 0, data_dir: ./data }
        upstreams:
          github:
            type: mcp-http
            url: http://127.0.0.1:9/mcp
            headers: { Authorization: "Bearer ${secret:GITHUB_TOKEN}" }
          shell:
            type: mcp-stdio
            command: "true"
            env: { TOKEN: "${secret:SHELL_TOKEN}", BAD: "${secret:no good}" }
        """);
  }

  private String run(String stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Main.run(
        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new PrintWriter(out),
        new PrintWriter(err),
        args);
    return out + err.toString();
  }

  @Test
  void badReferenceNamesAreConfigErrorsWithTheirPlace() {
    assertThatThrownBy(() -> ConfigLoader.load(config))
        .isInstanceOf(InvalidFileException.class)
        .hasMessageContaining("gatehouse.yaml:10:49: 'no good' is not a valid secret name");
  }

  @Test
  void referencesToSecretsNotInTheVaultStopTheGatewayWithTheirPlace() throws Exception {
    Files.writeString(config, Files.readString(config).replace(", BAD: \"${secret:no good}\"", ""));
    assertThatThrownBy(
            () ->
                Gateway.start(
                    ConfigLoader.load(config), InstantSource.system(), Duration.ofSeconds(1)))
        .isInstanceOf(InvalidFileException.class)
        .hasMessageContaining(
            "gatehouse.yaml:6:31: upstream github refers to the unknown secret 'GITHUB_TOKEN'")
        .hasMessageContaining(
            "gatehouse.yaml:10:19: upstream shell refers to the unknown secret 'SHELL_TOKEN'");
  }

  @Test
  void secretVerbsReadValuesFromStdinAndNeverPrintThem() throws Exception {
    Files.writeString(config, Files.readString(config).replace(", BAD: \"${secret:no good}\"", ""));
    String c = config.toString();
    assertThat(run(VALUE + "\n", "secret", "set", "GITHUB_TOKEN", "--config", c))
        .contains("secret GITHUB_TOKEN set");
    assertThat(run("", "secret", "set", "EMPTY", "--config", c))
        .contains("no value on standard input");

    String listed = run("", "secret", "list", "--config", c);
    assertThat(listed)
        .contains("GITHUB_TOKEN")
        .contains("github")
        .contains("SHELL_TOKEN")
        .contains("NOT SET")
        .doesNotContain(VALUE);

    assertThat(run("", "secret", "rotate-key", "--config", c)).contains("re-encrypted 1 secret");
    try (Gateway gateway = Gateway.offline(ConfigLoader.load(config))) {
      assertThat(gateway.vault().reveal("GITHUB_TOKEN")).isEqualTo(VALUE);
    }
    assertThat(run("", "secret", "rm", "GITHUB_TOKEN", "--config", c))
        .contains("secret GITHUB_TOKEN removed");
    assertThat(run("", "secret", "rm", "GITHUB_TOKEN", "--config", c))
        .contains("no secret named 'GITHUB_TOKEN'");
    try (Gateway gateway = Gateway.offline(ConfigLoader.load(config))) {
      var events = gateway.audit().tail(10);
      assertThat(events)
          .extracting(r -> r.outcome() + " " + r.tool())
          .containsSubsequence(
              "secret_set secret:GITHUB_TOKEN",
              "key_rotated vault",
              "secret_removed secret:GITHUB_TOKEN");
      assertThat(events.toString()).doesNotContain(VALUE);
    }
  }
}
