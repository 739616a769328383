package dev.gatehouse.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.server.cli.Main;
import dev.gatehouse.server.store.TestStore;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI on a node whose config names {@code cluster.database}: the database password comes from
 * the node's own store ({@code secret set --node}), and commands act on the shared state.
 */
class PostgresCliTest {
  @TempDir Path dir;
  TestStore.Postgres store;
  Path config;
  StringWriter out = new StringWriter();
  StringWriter err = new StringWriter();

  @BeforeEach
  void configure() throws Exception {
    store = TestStore.postgres();
    config = dir.resolve("gatehouse.yaml");
    Files.writeString(
        config,
        """
        server: { data_dir: ./data }
        cluster:
          node_id: gw-a
          database:
            url: "%s"
            user: %s
            password: "${secret:PG_PASSWORD}"
        """
            .formatted(store.where().url(), TestStore.USER));
  }

  @AfterEach
  void drop() {
    store.close();
  }

  private int run(String input, String... args) {
    return Main.run(
        new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
        new PrintWriter(out, true),
        new PrintWriter(err, true),
        args);
  }

  @Test
  void withoutThePasswordInTheNodesOwnStoreTheNodeSaysHowToSetIt() {
    assertThat(run("", "audit", "verify", "--config", config.toString())).isNotZero();
    assertThat(err.toString())
        .contains("the password secret 'PG_PASSWORD' is not in this node's own store")
        .contains("gatehouse secret set --node PG_PASSWORD");
  }

  @Test
  void thePasswordIsSetPerNodeAndSharedSecretsGoToTheDatabase() throws Exception {
    assertThat(
            run(
                "trust-auth-ignores-it\n",
                "secret",
                "set",
                "--node",
                "PG_PASSWORD",
                "--config",
                config.toString()))
        .isZero();
    assertThat(out.toString()).contains("secret PG_PASSWORD set in this node's own store");
    assertThat(run("v1\n", "secret", "set", "SHARED", "--config", config.toString()))
        .as(err.toString())
        .isZero();
    try (var database = store.open()) {
      int inDatabase =
          database
              .jdbi()
              .withHandle(
                  h ->
                      h.createQuery("select count(*) from secrets where name = 'SHARED'")
                          .mapTo(Integer.class)
                          .one());
      assertThat(inDatabase).isEqualTo(1);
    }
    assertThat(run("", "audit", "verify", "--config", config.toString()))
        .as(err.toString())
        .isZero();
    assertThat(out.toString()).contains("audit chain intact");
  }
}
