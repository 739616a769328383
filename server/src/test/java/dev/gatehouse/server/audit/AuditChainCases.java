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
  void pruningKeepsTheRestVerifiableRecordsItselfAndNewRecordsChainOn() {
    long pruned = audit.prune(Instant.parse("2026-11-05T12:00:00Z"), "cli:ops");
    assertThat(pruned).isEqualTo(4);
    Verification afterPrune = audit.verify();
    assertThat(afterPrune.intact()).isTrue();
    assertThat(afterPrune.checked()).isEqualTo(7);
    ChainedRecord event = audit.latest(1).get(0);
    assertThat(event.seq()).isEqualTo(11);
    assertThat(afterPrune.head()).isEqualTo(new Verification.Head(11, event.hash()));
    assertThat(event.record().outcome()).isEqualTo("audit_pruned");
    assertThat(event.record().agent()).isEqualTo("cli:ops");
    assertThat(event.record().reason()).startsWith("pruned 4 records through record 4 ");
    audit.append(record("call-12", List.of()));
    assertThat(audit.verify().checked()).isEqualTo(8);
    raw.useHandle(h -> h.execute("delete from audit_records where seq = 5"));
    assertThat(audit.verify().firstBad())
        .hasValueSatisfying(v -> assertThat(v).startsWith("record 6:"));
  }

  @Test
  void verifyReportsTheHeadAndCutBackRecordsChangeIt() {
    Verification whole = audit.verify();
    assertThat(whole.head()).isEqualTo(new Verification.Head(10, TENTH_HASH));
    raw.useHandle(h -> h.execute("delete from audit_records where seq >= 9"));
    Verification cut = audit.verify();
    assertThat(cut.intact()).isTrue(); // a chain alone cannot show it: the head can
    assertThat(cut.head().seq()).isEqualTo(8);
  }

  @Test
  void appendsFromInterruptedThreadsAreAllCommitted() throws Exception {
    // A cancelled call's virtual thread reaches the audit append with its interrupt flag set.
    List<java.util.concurrent.Future<Boolean>> stillInterrupted = new java.util.ArrayList<>();
    try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 40; i++) {
        int n = i;
        stillInterrupted.add(
            threads.submit(
                () -> {
                  if (n % 2 == 0) {
                    Thread.currentThread().interrupt();
                  }
                  audit.append(record("cancelled-" + n, List.of()));
                  return Thread.currentThread().isInterrupted();
                }));
      }
      for (int i = 0; i < 40; i++) {
        assertThat(stillInterrupted.get(i).get()).isEqualTo(i % 2 == 0);
      }
    }
    Thread.currentThread().interrupt();
    try {
      audit.append(record("cancelled-here", List.of()));
    } finally {
      assertThat(Thread.interrupted()).isTrue();
    }
    assertThat(audit.verify().checked()).isEqualTo(51);
    assertThat(audit.verify().intact()).isTrue();
  }

  @Test
  void aRecordWhoseHashWasRemovedIsNamedAfterARestart() {
    raw.useHandle(
        h -> h.execute("update audit_records set reason = 'x', hash = null where seq >= 7"));
    AuditLog restarted = new DatabaseAuditLog(database.jdbi(), database.dialect());
    assertThat(restarted.verify().firstBad()).hasValue("record 7: has no hash (edited)");
    assertThat(audit.verify().firstBad()).hasValue("record 7: has no hash (edited)");
  }

  @Test
  void recordsFromBeforeTheChainAreHashedOnceOnly() {
    raw.useHandle(
        h -> {
          h.execute("update audit_records set prev_hash = null, hash = null");
          h.execute("delete from audit_legacy_chained");
        });
    new DatabaseAuditLog(database.jdbi(), database.dialect());
    assertThat(audit.verify()).isEqualTo(new Verification(10, java.util.Optional.empty(), head()));
    raw.useHandle(h -> h.execute("update audit_records set hash = null where seq = 10"));
    new DatabaseAuditLog(database.jdbi(), database.dialect());
    assertThat(audit.verify().firstBad()).hasValue("record 10: has no hash (edited)");
  }

  private static Verification.Head head() {
    return new Verification.Head(10, TENTH_HASH);
  }

  @Test
  void findingsWhosePointersHoldCommasAndAtSignsReadBackAndVerify() {
    List<Finding> findings =
        List.of(
            new Finding("email", "/to,cc@x/0"),
            new Finding("vault-secret:K", "/a,b,c"),
            new Finding("phone", "/ada@example.com"),
            new Finding("email", ""),
            new Finding("credit-card", "/x,email@y"));
    audit.append(record("odd-keys", findings));
    // Ambiguous on purpose: a key "a,email@" above a field "b" reads as a second finding, and the
    // stored text, which the hash covers, is the same either way.
    audit.append(record("ambiguous", List.of(new Finding("email", "/a,email@/b"))));
    List<ChainedRecord> last = audit.latest(2);
    assertThat(last.get(0).record().findings()).isEqualTo(findings);
    assertThat(AuditHash.encodeFindings(last.get(1).record())).isEqualTo("email@/a,email@/b");
    assertThat(audit.verify().intact()).isTrue();
    assertThat(audit.since(Instant.EPOCH)).hasSize(12);
  }

  @Test
  void aSnapshotSeesTheStoreAsItWasWhenItsFirstReadRan() throws Exception {
    long[] counts =
        database
            .dialect()
            .inSnapshot(
                raw,
                h -> {
                  long before = count(h);
                  // Another thread: on this one Jdbi would lend the snapshot's own handle.
                  Thread pruner =
                      Thread.ofPlatform()
                          .start(
                              () ->
                                  raw.useHandle(
                                      other ->
                                          other.execute(
                                              "delete from audit_records where seq <= 4")));
                  pruner.join();
                  return new long[] {before, count(h)};
                });
    assertThat(counts).containsExactly(10, 10);
    assertThat(raw.withHandle(AuditChainCases::count)).isEqualTo(6);
  }

  private static long count(org.jdbi.v3.core.Handle h) {
    return h.createQuery("select count(*) from audit_records").mapTo(Long.class).one();
  }

  static AuditRecord record(String callId, List<Finding> findings) {
    return new AuditRecord(
        Instant.parse("2026-11-22T00:00:00Z"),
        callId,
        "agent",
        "session",
        "demo__echo",
        "demo",
        "completed",
        "ok",
        "",
        "",
        findings,
        Duration.ofMillis(1));
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
    assertThat(audit.verify().checked()).isEqualTo(110);
    assertThat(audit.verify().intact()).isTrue();
  }

  @Test
  void theHashesDependOnTheRecordsNotTheDatabase() {
    assertThat(audit.latest(1).get(0).hash()).isEqualTo(TENTH_HASH);
  }

  @Test
  void aNulInWhatAnAgentChoseIsStoredAsAReplacementCharacterAndTheChainVerifies() {
    audit.append(
        new AuditRecord(
            Instant.parse("2026-11-20T00:00:00Z"),
            "call-nul",
            "agent-\u0000",
            "session",
            "demo__x\u0000y",
            "",
            "denied",
            "unknown_tool",
            "",
            "there is no tool named 'demo__x\u0000y'",
            List.of(new Finding("email", "/a\u0000b")),
            Duration.ZERO));
    ChainedRecord stored = audit.latest(1).get(0);
    assertThat(stored.record().tool()).isEqualTo("demo__x\uFFFDy");
    assertThat(stored.record().findings()).containsExactly(new Finding("email", "/a\uFFFDb"));
    assertThat(audit.verify().intact()).isTrue();
  }
}
