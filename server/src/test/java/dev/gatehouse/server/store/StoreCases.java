package dev.gatehouse.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.connectors.vault.SecretStore.StoredSecret;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent, pin, secret, kill switch and policy bundle DAOs, run on each database by a subclass
 * ({@link StoreSqliteTest}, {@link StorePostgresTest}).
 */
abstract class StoreCases {
  static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");

  @TempDir Path dir;
  TestStore store;
  Database database;

  abstract TestStore store(Path dir);

  @BeforeEach
  void open() {
    store = store(dir);
    database = store.open();
  }

  @AfterEach
  void close() {
    database.close();
    store.close();
  }

  @Test
  void theStoreSpeaksItsDialect() {
    assertThat(database.dialect()).isEqualTo(store.dialect());
    assertThat(database.isHealthy()).isTrue();
  }

  @Test
  void tokensAreIssuedLookedUpAndRevoked() {
    AgentStore agents = new AgentStore(database.jdbi());
    Instant expires = T0.plus(Duration.ofDays(30));
    agents.issue("ci-bot", Set.of("ci", "reader"), "t1", T0, expires);
    agents.issue("ci-bot", Set.of("ci"), "t2", T0.plusSeconds(5), expires);

    assertThat(agents.exists("ci-bot")).isTrue();
    assertThat(agents.exists("nobody")).isFalse();
    assertThat(agents.token("t1"))
        .contains(new AgentStore.TokenRow("t1", "ci-bot", expires, java.util.Optional.empty()));
    assertThat(agents.token("missing")).isEmpty();
    assertThat(agents.list(T0))
        .singleElement()
        .satisfies(
            row -> {
              assertThat(row.roles()).containsExactly("ci");
              assertThat(row.createdAt()).isEqualTo(T0);
              assertThat(row.activeTokens()).isEqualTo(2);
            });

    assertThat(agents.revokeAll("ci-bot", T0.plusSeconds(60))).isEqualTo(2);
    assertThat(agents.revokeAll("ci-bot", T0.plusSeconds(61))).isZero();
    assertThat(agents.token("t2").orElseThrow().revokedAt()).contains(T0.plusSeconds(60));
    assertThat(agents.list(T0).get(0).activeTokens()).isZero();
  }

  @Test
  void aRevocationOnOneConnectionPoolIsSeenOnAnother() {
    try (Database other = store.open()) {
      new AgentStore(database.jdbi()).issue("bot", Set.of(), "t1", T0, T0.plusSeconds(600));
      assertThat(new AgentStore(other.jdbi()).token("t1")).isPresent();
      new AgentStore(database.jdbi()).revokeAll("bot", T0.plusSeconds(1));
      assertThat(new AgentStore(other.jdbi()).token("t1").orElseThrow().revokedAt()).isPresent();
    }
  }

  @Test
  void pinsStartQuarantinedUntilApprovedAndAChangeQuarantinesAgain() {
    PinStore pins = new PinStore(database.jdbi());
    pins.firstSight("github", "merge", "github__merge", "sha1", "{\"v\":1}", false, T0);
    pins.firstSight("github", "merge", "github__merge", "other", "{}", true, T0); // ignored
    pins.firstSight("files", "read", "files__read", "shaR", "{}", true, T0);

    assertThat(pins.find("github", "merge").orElseThrow().quarantined()).isTrue();
    assertThat(pins.find("github", "merge").orElseThrow().seenSha()).isEqualTo("sha1");
    assertThat(pins.find("files", "read").orElseThrow().quarantined()).isFalse();

    pins.seen("github", "merge", "github__merge", "sha1b", "{\"v\":\"1b\"}", T0);
    assertThat(pins.approve("github", "merge", "sha1", "alice", T0.plusSeconds(1)))
        .as("the definition shown (sha1) is no longer the one seen")
        .isZero();
    assertThat(pins.find("github", "merge").orElseThrow().quarantined()).isTrue();
    assertThat(pins.approve("github", "merge", "sha1b", "alice", T0.plusSeconds(1))).isEqualTo(1);
    PinStore.PinRow approved = pins.find("github", "merge").orElseThrow();
    assertThat(approved.quarantined()).isFalse();
    assertThat(approved.approvedBy()).contains("alice");
    assertThat(approved.approvedAt()).contains(T0.plusSeconds(1));

    pins.seen("github", "merge", "github__merge", "sha2", "{\"v\":2}", T0.plusSeconds(2));
    assertThat(pins.find("github", "merge").orElseThrow().quarantined()).isTrue();
    assertThat(pins.byExposedName("github__merge")).hasSize(1);
    assertThat(pins.all())
        .extracting(PinStore.PinRow::exposedName)
        .containsExactly("files__read", "github__merge");
  }

  @Test
  void secretsKeepTheirBytesExactly() {
    DatabaseSecretStore secrets = new DatabaseSecretStore(database.jdbi());
    byte[] binary = new byte[256];
    for (int i = 0; i < binary.length; i++) {
      binary[i] = (byte) i;
    }
    secrets.put("B", binary, T0);
    secrets.put("A", new byte[] {1, 2, 3}, T0);
    secrets.put("A", new byte[] {4, 5}, T0.plusSeconds(1));

    assertThat(secrets.find("B").orElseThrow().ciphertext()).isEqualTo(binary);
    StoredSecret a = secrets.find("A").orElseThrow();
    assertThat(a.ciphertext()).containsExactly(4, 5);
    assertThat(a.updatedAt()).isEqualTo(T0.plusSeconds(1));
    assertThat(secrets.all()).extracting(StoredSecret::name).containsExactly("A", "B");

    secrets.replaceAll(List.of(new StoredSecret("A", new byte[] {9}, T0)));
    assertThat(secrets.find("A").orElseThrow().ciphertext()).containsExactly(9);
    assertThat(secrets.delete("A")).isTrue();
    assertThat(secrets.delete("A")).isFalse();
    assertThat(secrets.find("A")).isEmpty();
  }

  @Test
  void theKillSwitchIsOneRowWhileEngaged() {
    KillSwitchStore kill = new KillSwitchStore(database.jdbi());
    assertThat(kill.read()).isEmpty();
    assertThat(kill.release()).isEmpty();
    assertThat(kill.engage("cli:alice", "incident", T0))
        .isEqualTo(new KillSwitchStore.Engaged("cli:alice", "incident", T0));
    assertThat(kill.engage("cli:bob", "still", T0.plusSeconds(60)))
        .as("engaged again: who and why change, since stays")
        .isEqualTo(new KillSwitchStore.Engaged("cli:bob", "still", T0));
    assertThat(kill.release()).contains(new KillSwitchStore.Engaged("cli:bob", "still", T0));
    assertThat(kill.read()).isEmpty();
  }

  @Test
  void policyBundlesKeepTheNewestWithTheirFiles() {
    PolicyBundleStore bundles = new PolicyBundleStore(database.jdbi());
    assertThat(bundles.newest()).isEmpty();
    java.util.TreeMap<String, String> files =
        new java.util.TreeMap<>(java.util.Map.of("a.yaml", "default: allow\n", "b.yml", "é\n"));
    long first = bundles.store("rev1", files, "gw-a", T0);
    long second = bundles.store("rev2", files, "gw-b", T0.plusSeconds(1));
    assertThat(second).isGreaterThan(first);
    assertThat(bundles.newest()).contains(new PolicyBundleStore.Head(second, "rev2"));
    PolicyBundleStore.Bundle found = bundles.find(second).orElseThrow();
    assertThat(found.files()).isEqualTo(files);
    assertThat(found.node()).isEqualTo("gw-b");
    assertThat(found.storedAt()).isEqualTo(T0.plusSeconds(1));
    long last = second;
    for (int i = 0; i < PolicyBundleStore.KEPT; i++) {
      last = bundles.store("rev" + (i + 3), files, "gw-a", T0);
    }
    assertThat(bundles.find(first)).as("only the newest are kept").isEmpty();
    assertThat(bundles.find(last)).isPresent();
  }

  @Test
  void migrationsRunOnceEvenWhenOpenedAgain() {
    try (Database again = store.open()) {
      int versions =
          again
              .jdbi()
              .withHandle(
                  h ->
                      h.createQuery("select count(*) from schema_version")
                          .mapTo(Integer.class)
                          .one());
      assertThat(versions).isEqualTo(Migrations.ALL.size());
    }
  }
}
