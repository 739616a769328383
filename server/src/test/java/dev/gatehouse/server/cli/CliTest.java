package dev.gatehouse.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.server.Gateway;
import dev.gatehouse.server.auth.TokenCheck;
import dev.gatehouse.server.config.ConfigLoader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI verbs users and their scripts type. */
class CliTest {
  @TempDir Path dir;
  Path config;

  record Run(int code, String out, String err) {}

  @BeforeEach
  void writeConfig() throws Exception {
    config = dir.resolve("gatehouse.yaml");
    Files.writeString(config, "server: { port: 0, data_dir: ./data }\n");
  }

  private Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void agentCreatePrintsOnlyAValidToken() {
    Run created =
        run(
            "agent",
            "create",
            "ci-bot",
            "--roles",
            "ci,deploy",
            "--ttl",
            "12h",
            "--config",
            config.toString());
    assertThat(created.code()).isZero();
    String token = created.out().strip();
    assertThat(created.out()).isEqualTo(token + System.lineSeparator());
    assertThat(token.split("\\.")).hasSize(3);
    try (Gateway gateway = Gateway.offline(ConfigLoader.load(config))) {
      TokenCheck check = gateway.verifier().check(token);
      assertThat(check).isInstanceOf(TokenCheck.Valid.class);
      assertThat(((TokenCheck.Valid) check).agent().roles())
          .containsExactlyInAnyOrder("ci", "deploy");
    }
  }

  @Test
  void agentListShowsAgentsAndRevokeEndsTheirTokens() {
    String token = run("agent", "create", "lister", "--config", config.toString()).out().strip();
    Run listed = run("agent", "list", "--config", config.toString());
    assertThat(listed.out()).contains("lister").contains(" 1 ");

    Run revoked = run("agent", "revoke", "lister", "--config", config.toString());
    assertThat(revoked.code()).isZero();
    assertThat(revoked.out()).contains("revoked 1 token of agent lister");
    try (Gateway gateway = Gateway.offline(ConfigLoader.load(config))) {
      assertThat(gateway.verifier().check(token)).isInstanceOf(TokenCheck.Invalid.class);
    }
    assertThat(run("agent", "revoke", "nobody", "--config", config.toString()).code()).isEqualTo(1);
  }

  @Test
  void badInputGetsAClearErrorAndANonZeroExit() throws Exception {
    assertThat(run("agent", "create", "x", "--ttl", "forever", "--config", config.toString()).err())
        .contains("--ttl must be a duration");
    Path broken = dir.resolve("broken.yaml");
    Files.writeString(broken, "server:\n  prot: 1\n");
    Run failed = run("agent", "list", "--config", broken.toString());
    assertThat(failed.code()).isEqualTo(2);
    assertThat(failed.err()).contains("broken.yaml:2:3: unknown key 'prot' (did you mean 'port'?)");
  }

  @Test
  void statusSaysWhenNoGatewayRuns() throws Exception {
    Files.writeString(config, "server: { port: 1, data_dir: ./data }\n");
    Run status = run("status", "--config", config.toString());
    assertThat(status.code()).isEqualTo(1);
    assertThat(status.err()).contains("no gateway answers at http://127.0.0.1:1/healthz");
  }
}
