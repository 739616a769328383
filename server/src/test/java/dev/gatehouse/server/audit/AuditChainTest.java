package dev.gatehouse.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.server.cli.Main;
import dev.gatehouse.server.store.Database;
import dev.gatehouse.shield.Finding;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit chain catches edits, deletions, insertions and reordering made to the SQLite file. */
class AuditChainTest {
  @TempDir Path dir;
  Database database;
  AuditLog audit;
  Jdbi raw;

  @BeforeEach
  void fill() {
    database = Database.open(dir.resolve("data"));
    audit = new SqliteAuditLog(database.jdbi(), database.dialect());
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
  void theCliVerifiesTailsAndExports() throws Exception {
    Path config = dir.resolve("gatehouse.yaml");
    Files.writeString(config, "server: { data_dir: ./data }\n");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    assertThat(
            Main.run(
                new PrintWriter(out),
                new PrintWriter(err),
                "audit",
                "verify",
                "--config",
                config.toString()))
        .isZero();
    assertThat(out.toString()).contains("audit chain intact: 10 records");

    StringWriter tail = new StringWriter();
    Main.run(
        new PrintWriter(tail),
        new PrintWriter(err),
        "audit",
        "tail",
        "-n",
        "3",
        "--config",
        config.toString());
    assertThat(tail.toString().lines()).hasSize(3).first().asString().startsWith("8 ");

    StringWriter jsonl = new StringWriter();
    Main.run(
        new PrintWriter(jsonl),
        new PrintWriter(err),
        "audit",
        "export",
        "--since",
        "2026-11-09T00:00:00Z",
        "--format",
        "jsonl",
        "--config",
        config.toString());
    assertThat(jsonl.toString().lines()).hasSize(3).allMatch(line -> line.startsWith("{\"seq\":"));

    StringWriter csv = new StringWriter();
    Main.run(
        new PrintWriter(csv),
        new PrintWriter(err),
        "audit",
        "export",
        "--since",
        "2026-11-01T00:00:00Z",
        "--format",
        "csv",
        "--config",
        config.toString());
    assertThat(csv.toString().lines()).hasSize(11).first().asString().startsWith("seq,at,call_id");

    raw.useHandle(h -> h.execute("update audit_records set agent = 'someone-else' where seq = 2"));
    StringWriter broken = new StringWriter();
    assertThat(
            Main.run(
                new PrintWriter(new StringWriter()),
                new PrintWriter(broken),
                "audit",
                "verify",
                "--config",
                config.toString()))
        .isEqualTo(5);
    assertThat(broken.toString())
        .contains("record 2: its content does not match its hash (edited)");
  }
}
