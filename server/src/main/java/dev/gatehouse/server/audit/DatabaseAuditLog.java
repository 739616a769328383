package dev.gatehouse.server.audit;

import dev.gatehouse.server.store.Dialect;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The audit chain in the store's {@code audit_records} table, on SQLite or PostgreSQL. Each append
 * reads the last record's hash and writes the new record with its own, in one transaction that
 * writers take in turns ({@link Dialect#serializeWriters}: an immediate transaction on SQLite, an
 * advisory lock on PostgreSQL), so appends from several threads, processes or nodes stay one
 * unbroken chain. The hash covers the record's values, never how a database stores them.
 */
public final class DatabaseAuditLog implements AuditLog {
  private static final String COLUMNS =
      "seq, at, call_id, agent, session_id, tool, upstream, outcome, kind, rule_id, reason,"
          + " findings, duration_micros, prev_hash, hash, details";

  private final Jdbi jdbi;
  private final Dialect dialect;
  private final GroupCommit commits;

  public DatabaseAuditLog(Jdbi jdbi, Dialect dialect) {
    this.jdbi = jdbi;
    this.dialect = dialect;
    this.commits = new GroupCommit(this::writeBatch);
    chainLegacyRecordsOnce();
  }

  /**
   * Group commit ({@link GroupCommit}): returns only once the record is committed; a failed
   * transaction fails every record in it.
   */
  @Override
  public void append(AuditRecord r) {
    commits.append(r);
  }

  /** Writes {@code records} after the chain's end, in one transaction in the writers' turn. */
  private void writeBatch(List<AuditRecord> records) {
    jdbi.useTransaction(
        h -> {
          dialect.serializeWriters(h, Dialect.AUDIT_CHAIN);
          Link last = lastLink(h);
          for (AuditRecord r : records) {
            last = insert(h, last, r);
          }
        });
  }

  private record Link(long seq, String hash) {}

  /**
   * The chain's end, read inside the writers' turn (another process or node may have appended since
   * this one last did): the newest record, else the anchor of a pruned chain, else genesis.
   */
  private static Link lastLink(Handle h) {
    return h.createQuery("select seq, hash from audit_records order by seq desc limit 1")
        .map((rs, ctx) -> new Link(rs.getLong(1), rs.getString(2)))
        .findOne()
        .or(() -> anchor(h).map(a -> new Link(a.throughSeq(), a.hash())))
        .orElse(new Link(0, AuditHash.GENESIS));
  }

  /** Writes {@code r} after {@code last} and returns the new end of the chain. */
  private static Link insert(Handle h, Link last, AuditRecord r) {
    long seq = last.seq() + 1;
    String previous = last.hash();
    String hash = AuditHash.of(seq, r, previous);
    h.createUpdate(
            "insert into audit_records("
                + COLUMNS
                + ") values (:seq, :at, :call, :agent, :session,"
                + " :tool, :upstream, :outcome, :kind, :rule, :reason, :findings, :micros, :prev, :hash,"
                + " :details)")
        .bind("seq", seq)
        .bind("at", r.at().toEpochMilli())
        .bind("call", r.callId())
        .bind("agent", r.agent())
        .bind("session", r.sessionId())
        .bind("tool", r.tool())
        .bind("upstream", r.upstream())
        .bind("outcome", r.outcome())
        .bind("kind", r.kind())
        .bind("rule", r.ruleId())
        .bind("reason", r.reason())
        .bind("findings", AuditHash.encodeFindings(r))
        .bind("micros", r.duration().toNanos() / 1000)
        .bind("prev", previous)
        .bind("hash", hash)
        .bind("details", r.details())
        .execute();
    return new Link(seq, hash);
  }

  /** The hash the record {@code seq} must link to: its predecessor's, the anchor's, or genesis. */
  private static String previousHash(Handle h, long seq) {
    return h.createQuery("select hash from audit_records where seq = :s")
        .bind("s", seq - 1)
        .mapTo(String.class)
        .findOne()
        .or(() -> anchor(h).filter(a -> a.throughSeq() == seq - 1).map(Anchor::hash))
        .orElse(AuditHash.GENESIS);
  }

  private record Anchor(long throughSeq, String hash) {}

  private static Optional<Anchor> anchor(Handle h) {
    return h.createQuery(
            "select pruned_through, hash from audit_anchors order by pruned_through desc limit 1")
        .map((rs, ctx) -> new Anchor(rs.getLong(1), rs.getString(2)))
        .findOne();
  }

  /**
   * Records written before the chain existed (schema version 4) get their hashes, in order, once:
   * the row of {@code audit_legacy_chained} says it is done (migration 8 writes it at once where
   * every record has a hash). Never on a later start, so a hash removed from a record afterwards
   * shows as a break rather than being filled in again.
   */
  private void chainLegacyRecordsOnce() {
    if (jdbi.withHandle(DatabaseAuditLog::legacyChained)) {
      return;
    }
    jdbi.useTransaction(
        h -> {
          dialect.serializeWriters(h, Dialect.AUDIT_CHAIN);
          if (legacyChained(h)) {
            return;
          }
          List<ChainedRecord> unhashed =
              h.createQuery(
                      "select " + COLUMNS + " from audit_records where hash is null order by seq")
                  .map((rs, ctx) -> row(rs))
                  .list();
          for (ChainedRecord record : unhashed) {
            String previous = previousHash(h, record.seq());
            h.createUpdate("update audit_records set prev_hash = :p, hash = :h where seq = :s")
                .bind("p", previous)
                .bind("h", AuditHash.of(record.seq(), record.record(), previous))
                .bind("s", record.seq())
                .execute();
          }
          h.createUpdate("insert into audit_legacy_chained(id, at) values (1, :at)")
              .bind("at", Instant.now().toEpochMilli())
              .execute();
        });
  }

  private static boolean legacyChained(Handle h) {
    return h.createQuery("select count(*) from audit_legacy_chained").mapTo(Long.class).one() > 0;
  }

  @Override
  public List<ChainedRecord> latest(int count) {
    List<ChainedRecord> newestFirst =
        jdbi.withHandle(
            h ->
                h.createQuery(
                        "select " + COLUMNS + " from audit_records order by seq desc limit :n")
                    .bind("n", count)
                    .map((rs, ctx) -> row(rs))
                    .list());
    List<ChainedRecord> oldestFirst = new ArrayList<>(newestFirst);
    java.util.Collections.reverse(oldestFirst);
    return oldestFirst;
  }

  @Override
  public List<ChainedRecord> after(long afterSeq, int limit) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "select "
                        + COLUMNS
                        + " from audit_records where seq > :s order by seq limit :n")
                .bind("s", afterSeq)
                .bind("n", limit)
                .map((rs, ctx) -> row(rs))
                .list());
  }

  @Override
  public List<ChainedRecord> since(Instant since) {
    return jdbi.withHandle(
        h ->
            h.createQuery("select " + COLUMNS + " from audit_records where at >= :at order by seq")
                .bind("at", since.toEpochMilli())
                .map((rs, ctx) -> row(rs))
                .list());
  }

  /**
   * Checks the chain from the anchor (or genesis) to its head, reading the anchor and the records
   * in one snapshot, so a prune committing meanwhile cannot look like a break. Writes nothing.
   */
  @Override
  public Verification verify() {
    return dialect.inSnapshot(
        jdbi,
        h -> {
          Optional<Anchor> anchor = anchor(h);
          Verification.Head head =
              anchor
                  .map(a -> new Verification.Head(a.throughSeq(), a.hash()))
                  .orElse(new Verification.Head(0, AuditHash.GENESIS));
          long checked = 0;
          try (var rows =
              h
                  .createQuery("select " + COLUMNS + " from audit_records order by seq")
                  .map((rs, ctx) -> row(rs))
                  .stream()) {
            for (ChainedRecord row : (Iterable<ChainedRecord>) rows::iterator) {
              Optional<String> problem = problem(row, head.seq() + 1, head.hash());
              if (problem.isPresent()) {
                return new Verification(checked, problem, head);
              }
              checked++;
              head = new Verification.Head(row.seq(), row.hash());
            }
          }
          return new Verification(checked, Optional.empty(), head);
        });
  }

  private static Optional<String> problem(ChainedRecord row, long expectedSeq, String previous) {
    if (row.seq() != expectedSeq) {
      return Optional.of(
          "record "
              + row.seq()
              + ": expected record "
              + expectedSeq
              + " here (records deleted or inserted)");
    }
    if (row.hash() == null) {
      return Optional.of("record " + row.seq() + ": has no hash (edited)");
    }
    if (!previous.equals(row.previousHash())) {
      return Optional.of(
          "record "
              + row.seq()
              + ": does not link to the record before it (deleted, inserted or reordered)");
    }
    if (!AuditHash.of(row.seq(), row.record(), row.previousHash()).equals(row.hash())) {
      return Optional.of("record " + row.seq() + ": its content does not match its hash (edited)");
    }
    return Optional.empty();
  }

  @Override
  public long prune(Instant before, String by) {
    return commits.exclusively(() -> deleteBefore(before, by));
  }

  /**
   * Deletes the records before {@code before}, keeps the last one's hash as the anchor, and appends
   * an {@code audit_pruned} event saying so, all in one transaction.
   */
  private long deleteBefore(Instant before, String by) {
    return jdbi.inTransaction(
        h -> {
          dialect.serializeWriters(h, Dialect.AUDIT_CHAIN);
          Optional<ChainedRecord> last =
              h.createQuery(
                      "select "
                          + COLUMNS
                          + " from audit_records where at < :at order by seq desc limit 1")
                  .bind("at", before.toEpochMilli())
                  .map((rs, ctx) -> row(rs))
                  .findOne();
          if (last.isEmpty()) {
            return 0L;
          }
          long through = last.get().seq();
          int deleted =
              h.createUpdate("delete from audit_records where seq <= :s")
                  .bind("s", through)
                  .execute();
          Instant now = Instant.now();
          h.createUpdate(
                  "insert into audit_anchors(pruned_through, hash, pruned, at) values (:s, :h, :n, :at)")
              .bind("s", through)
              .bind("h", last.get().hash())
              .bind("n", deleted)
              .bind("at", now.toEpochMilli())
              .execute();
          insert(h, lastLink(h), pruned(now, by, deleted, through, before));
          return (long) deleted;
        });
  }

  /** The {@code audit_pruned} event: who pruned how many records, through which one. */
  private static AuditRecord pruned(
      Instant at, String by, int deleted, long through, Instant before) {
    return new AuditRecord(
        at,
        UUID.randomUUID().toString(),
        by,
        "",
        "audit",
        "",
        "audit_pruned",
        "event",
        "",
        "pruned "
            + deleted
            + " records through record "
            + through
            + " (older than "
            + before
            + ") by "
            + by,
        List.of(),
        Duration.ZERO);
  }

  private static ChainedRecord row(ResultSet rs) throws SQLException {
    AuditRecord record =
        new AuditRecord(
            Instant.ofEpochMilli(rs.getLong(2)),
            rs.getString(3),
            rs.getString(4),
            rs.getString(5),
            rs.getString(6),
            rs.getString(7),
            rs.getString(8),
            rs.getString(9),
            rs.getString(10),
            rs.getString(11),
            AuditHash.decodeFindings(rs.getString(12)),
            Duration.ofNanos(rs.getLong(13) * 1000),
            rs.getString(16));
    return new ChainedRecord(rs.getLong(1), record, rs.getString(14), rs.getString(15));
  }
}
