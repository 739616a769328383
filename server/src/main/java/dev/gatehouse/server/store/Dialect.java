package dev.gatehouse.server.store;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * Where the SQL of the store differs between the embedded SQLite file and a shared PostgreSQL
 * database. Everything else (queries, {@code on conflict} upserts, epoch-millisecond columns read
 * with {@code getLong}) is written once for both.
 */
public enum Dialect {
  SQLITE,
  POSTGRES;

  /** Lock names for {@link #serializeWriters}; any stable, distinct numbers do. */
  public static final long AUDIT_CHAIN = 0x6761_7465_0001L;

  static final long MIGRATIONS = 0x6761_7465_0002L;

  /** Making the cluster's agent signing key. */
  public static final long SIGNING_KEY = 0x6761_7465_0003L;

  /**
   * The space of per-item locks for {@link #serializeWriters(Handle, int, int)}: admissions of one
   * approval binding. PostgreSQL keeps two-key locks apart from one-key locks like those above.
   */
  public static final int APPROVAL_BINDINGS = 0x6761_7465;

  /** The statements that reach {@code migration}'s version on this database. */
  public java.util.List<String> statements(Migrations.Migration migration) {
    return switch (this) {
      case SQLITE -> migration.statements();
      case POSTGRES -> migration.postgres();
    };
  }

  /**
   * Makes writers of one kind (e.g. appends to the audit chain) take turns until the transaction on
   * {@code h} ends, across processes and nodes. SQLite needs nothing: every write transaction is
   * immediate, so writers already take turns; PostgreSQL takes a transaction-scoped advisory lock.
   */
  public void serializeWriters(Handle h, long lock) {
    if (this == POSTGRES) {
      h.createQuery("select count(*) from (select pg_advisory_xact_lock(:k)) l")
          .bind("k", lock)
          .mapTo(Long.class)
          .one();
    }
  }

  /**
   * Like {@link #serializeWriters(Handle, long)}, for writers of one item among many (e.g. one
   * approval binding): {@code key} names the item within {@code space}. Two items whose keys
   * collide merely take turns too.
   */
  public void serializeWriters(Handle h, int space, int key) {
    if (this == POSTGRES) {
      h.createQuery("select count(*) from (select pg_advisory_xact_lock(:s, :k)) l")
          .bind("s", space)
          .bind("k", key)
          .mapTo(Long.class)
          .one();
    }
  }

  /**
   * Runs {@code reads} in one read transaction, so every query sees the same committed state: a
   * deferred transaction on SQLite (a WAL snapshot that does not block writers, where the store's
   * own transactions are immediate), a repeatable-read one on PostgreSQL.
   */
  public <T, X extends Exception> T inSnapshot(Jdbi jdbi, HandleCallback<T, X> reads) throws X {
    return switch (this) {
      case POSTGRES -> jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, reads);
      case SQLITE ->
          jdbi.withHandle(
              h -> {
                h.execute("begin deferred");
                try {
                  return reads.withHandle(h);
                } finally {
                  h.execute("rollback");
                }
              });
    };
  }

  /** Takes a lock held until {@link #unlockSession} on the same handle (PostgreSQL only). */
  void lockSession(Handle h, long lock) {
    if (this == POSTGRES) {
      h.createQuery("select count(*) from (select pg_advisory_lock(:k)) l")
          .bind("k", lock)
          .mapTo(Long.class)
          .one();
    }
  }

  void unlockSession(Handle h, long lock) {
    if (this == POSTGRES) {
      h.createQuery("select pg_advisory_unlock(:k)").bind("k", lock).mapTo(Boolean.class).one();
    }
  }
}
