package dev.gatehouse.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.server.store.Database;
import dev.gatehouse.server.store.TestStore;
import dev.gatehouse.shield.Finding;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit chain catches edits, deletions, insertions and reordering made directly in the
 * database; run on each database by {@link AuditChainTest} (SQLite) and {@link
 * AuditChainPostgresTest}.
 */
abstract class AuditChainCases {
  /** The hash of the tenth record below, the same on every database. */
  static final String TENTH_HASH =
      "83576756a0d0e719135cd9a35213a8862254686bba7984ceb43619bbdc3ffcf1";

  @TempDir Path dir;
  TestStore store;
  Database database;
  AuditLog audit;
  Jdbi raw;

  abstract TestStore store(Path dir);

  @BeforeEach
  void fill() {
    store = store(dir);
    database = store.open();
    audit = new DatabaseAuditLog(database.jdbi(), database.dialect());
    raw = database.jdbi();
    Instant start = Instant.parse("2026-11-01T00:00:00Z");
    for (int i = 1; i <= 10; i++) {
      audit.append(
          new AuditRecord(
              start.plus(Duration.ofDays(i)),
              "call-" + i,
              "agent-" + (i % 3),
              "session",
              "demo__echo",
              "demo",
              i % 4 == 0 ? "denied" : "completed",
              i % 4 == 0 ? "policy" : "ok",
              i % 4 == 0 ? "no-echo" : "",
              i % 4 == 0 ? "echo is off" : "",
              i % 5 == 0 ? List.of(new Finding("vault-secret:K", "/result")) : List.of(),
              Duration.ofMillis(i)));
    }
  }

  @AfterEach
  void close() {
    database.close();
    store.close();
  }

  @Test
  void concurrentAppendsAreGroupCommittedIntoOneUnbrokenChain() throws Exception {
    try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 200; i++) {
        int n = i;
        threads.submit(
            () ->
                audit.append(
                    new AuditRecord(
                        Instant.parse("2026-11-20T00:00:00Z"),
                        "burst-" + n,
                        "agent",
                        "session",
                        "demo__echo",
                        "demo",
                        "completed",
                        "ok",
                        "",
                        "",
                        List.of(),
                        Duration.ofMillis(1),
                        "{\"bytes_in\":" + n + "}")));
      }
    }
    assertThat(audit.latest(1000)).hasSize(210);
    assertThat(audit.verify().intact()).isTrue();
    raw.useHandle(
        h ->
            h.execute(
                "update audit_records set details = '{\"bytes_in\":1}' where call_id = 'burst-7'"));
    assertThat(audit.verify().firstBad()).get().asString().contains("edited");
  }

  @Test
  void anUntouchedChainVerifies() {
    Verification result = audit.verify();
    assertThat(result.intact()).isTrue();
    assertThat(result.checked()).isEqualTo(10);
  }

  @Test
  void anEditedRecordIsNamed() {
    raw.useHandle(h -> h.execute("update audit_records set outcome = 'completed' where seq = 4"));
    assertThat(audit.verify().firstBad())
        .hasValue("record 4: its content does not match its hash (edited)");
  }

  @Test
  void anEditedHashIsCaughtAtTheNextRecord() {
    raw.useHandle(
        h -> h.execute("update audit_records set reason = 'innocent', hash = 'x' where seq = 4"));
    assertThat(audit.verify().firstBad())
        .hasValueSatisfying(v -> assertThat(v).startsWith("record 4:"));
  }

  @Test
  void aDeletedRecordIsNamed() {
    raw.useHandle(h -> h.execute("delete from audit_records where seq = 6"));
    assertThat(audit.verify().firstBad())
        .hasValue("record 7: expected record 6 here (records deleted or inserted)");
  }

  @Test
  void anInsertedRecordIsNamed() {
    raw.useHandle(
        h ->
            h.execute(
                "insert into audit_records(seq, at, call_id, agent, session_id, tool, upstream, outcome, kind,"
                    + " rule_id, reason, findings, duration_micros, prev_hash, hash)"
                    + " select 11, at, 'forged', agent, session_id, tool, upstream, outcome, kind, rule_id,"
                    + " reason, findings, duration_micros, prev_hash, hash from audit_records where seq = 3"));
    assertThat(audit.verify().firstBad())
        .hasValue(
            "record 11: does not link to the record before it (deleted, inserted or reordered)");
  }

  @Test
  void reorderedRecordsAreNamed() {
    raw.useHandle(
        h -> {
          h.execute("update audit_records set seq = 100 where seq = 2");
          h.execute("update audit_records set seq = 2 where seq = 3");
          h.execute("update audit_records set seq = 3 where seq = 100");
        });
    assertThat(audit.verify().firstBad())
        .hasValueSatisfying(v -> assertThat(v).startsWith("record 2:"));
  }

  @Test
  void pruningKeepsTheRestVerifiableAndNewRecordsChainOn() {
    long pruned = audit.prune(Instant.parse("2026-11-05T12:00:00Z"));
    assertThat(pruned).isEqualTo(4);
    assertThat(audit.verify()).isEqualTo(new Verification(6, java.util.Optional.empty()));
    audit.append(
        new AuditRecord(
            Instant.now(),
            "call-11",
            "a",
            "s",
            "t",
            "u",
            "completed",
            "ok",
            "",
            "",
            List.of(),
            Duration.ZERO));
    assertThat(audit.verify().checked()).isEqualTo(7);
    raw.useHandle(h -> h.execute("delete from audit_records where seq = 5"));
    assertThat(audit.verify().firstBad())
        .hasValueSatisfying(v -> assertThat(v).startsWith("record 6:"));
  }

  @Test
  void twoNodesAppendingAtOnceKeepOneUnbrokenChain() throws Exception {
    try (Database other = store.open();
        var threads = java.util.concurrent.Executors.newFixedThreadPool(8)) {
      AuditLog[] nodes = {audit, new DatabaseAuditLog(other.jdbi(), other.dialect())};
      List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
      for (int i = 0; i < 100; i++) {
        AuditLog node = nodes[i % 2];
        int n = i;
        done.add(
            threads.submit(
                () ->
                    node.append(
                        new AuditRecord(
                            Instant.parse("2026-11-21T00:00:00Z"),
                            "node-" + n,
                            "agent",
                            "session",
                            "demo__echo",
                            "demo",
                            "completed",
                            "ok",
                            "",
                            "",
                            List.of(),
                            Duration.ofMillis(1)))));
      }
      for (var f : done) {
        f.get();
      }
    }
    assertThat(audit.verify()).isEqualTo(new Verification(110, java.util.Optional.empty()));
  }

  @Test
  void theHashesDependOnTheRecordsNotTheDatabase() {
    assertThat(audit.latest(1).get(0).hash()).isEqualTo(TENTH_HASH);
  }
}
