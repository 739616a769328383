package dev.gatehouse.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The store, reached through Jdbi, its schema brought up to date by {@link Migrations} when opened:
 * either the embedded SQLite file in WAL mode ({@link #open(Path)}; several processes may open it
 * at once, SQLite serializes their writes) or a PostgreSQL database that the nodes of a cluster
 * share ({@link #open(Postgres)}). The DAOs ask {@link #dialect()} where their SQL must differ.
 */
public final class Database implements AutoCloseable {
  public static final String FILE_NAME = "gatehouse.db";

  /** Where a shared PostgreSQL store is: a {@code jdbc:postgresql:} URL and its credentials. */
  public record Postgres(String url, String user, Optional<String> password) {
    public Postgres {
      if (!url.startsWith("jdbc:postgresql:")) {
        throw new IllegalArgumentException("not a jdbc:postgresql: URL");
      }
    }

    @Override
    public String toString() {
      return "Postgres[" + url + ", user " + user + "]";
    }
  }

  private final Jdbi jdbi;
  private final Dialect dialect;
  private final Optional<Path> file;
  private final HikariDataSource pool;

  private Database(Jdbi jdbi, Dialect dialect, Optional<Path> file, HikariDataSource pool) {
    this.jdbi = jdbi;
    this.dialect = dialect;
    this.file = file;
    this.pool = pool;
  }

  /** Closes the pooled connections. */
  @Override
  public void close() {
    pool.close();
  }

  /** Opens (creating if needed) the store in {@code dataDir}. */
  public static Database open(Path dataDir) {
    try {
      DataDirectory.create(dataDir);
    } catch (IOException e) {
      throw new StoreException(
          "cannot create the data directory " + dataDir + ": " + e.getMessage());
    }
    Path file = dataDir.resolve(FILE_NAME);
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    // WAL + NORMAL: a commit survives a crash of the process; a power loss may lose the last
    // commits (see docs/ARCHITECTURE.md, Durability).
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    config.setBusyTimeout(10_000);
    config.enforceForeignKeys(true);
    // Writers take the lock when they begin, so two processes appending to the audit chain
    // serialize instead of failing on a busy upgrade.
    config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    SQLiteDataSource sqlite = new SQLiteDataSource(config);
    sqlite.setUrl("jdbc:sqlite:" + file);
    // Opening a SQLite connection costs about a millisecond; a small pool keeps them open.
    // SQLite serializes writers itself, so a few connections are enough.
    HikariConfig pool = new HikariConfig();
    pool.setDataSource(sqlite);
    pool.setPoolName("gatehouse-store");
    pool.setMaximumPoolSize(4);
    pool.setMinimumIdle(1);
    pool.setConnectionTimeout(10_000);
    HikariDataSource source = new HikariDataSource(pool);
    Jdbi jdbi = Jdbi.create(source);
    Migrations.apply(jdbi, Dialect.SQLITE, Migrations.ALL);
    try {
      DataDirectory.ownerOnly(file);
    } catch (IOException e) {
      throw new StoreException("cannot restrict permissions of " + file + ": " + e.getMessage());
    }
    return new Database(jdbi, Dialect.SQLITE, Optional.of(file), source);
  }

  /**
   * Opens the shared PostgreSQL store and migrates its schema (nodes starting together take turns).
   * Fails when the database cannot be reached: a node must not serve without a durable audit trail.
   */
  public static Database open(Postgres where) {
    HikariConfig pool = new HikariConfig();
    pool.setJdbcUrl(where.url());
    pool.setUsername(where.user());
    where.password().ifPresent(pool::setPassword);
    pool.setPoolName("gatehouse-store");
    pool.setMaximumPoolSize(8);
    pool.setMinimumIdle(1);
    // A dead database must fail a call (and readiness) quickly, not park it for long.
    pool.setConnectionTimeout(3_000);
    pool.setValidationTimeout(1_000);
    pool.addDataSourceProperty("connectTimeout", "3");
    pool.addDataSourceProperty("socketTimeout", "30");
    HikariDataSource source;
    try {
      source = new HikariDataSource(pool);
    } catch (RuntimeException e) {
      // The driver's message may quote the URL; it never holds the password (a separate key).
      throw new StoreException(
          "cannot open the PostgreSQL store " + where.url() + ": " + rootMessage(e));
    }
    Jdbi jdbi = Jdbi.create(source);
    try {
      Migrations.apply(jdbi, Dialect.POSTGRES, Migrations.ALL);
    } catch (RuntimeException e) {
      source.close();
      throw e;
    }
    return new Database(jdbi, Dialect.POSTGRES, Optional.empty(), source);
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return String.valueOf(t.getMessage());
  }

  public Jdbi jdbi() {
    return jdbi;
  }

  public Dialect dialect() {
    return dialect;
  }

  /**
   * Runs {@code work} while no other process or node runs work under the same {@code lock} (a
   * session advisory lock on PostgreSQL; on SQLite, which has one node, it simply runs). For
   * one-time set-up that must happen once per store, like making the cluster's signing key.
   */
  public <T> T exclusively(long lock, java.util.function.Supplier<T> work) {
    return jdbi.withHandle(
        h -> {
          dialect.lockSession(h, lock);
          try {
            return work.get();
          } finally {
            dialect.unlockSession(h, lock);
          }
        });
  }

  /** The SQLite file; empty for PostgreSQL. */
  public Optional<Path> file() {
    return file;
  }

  /** True when the store can be read and written now (for readiness). */
  public boolean isHealthy() {
    try {
      return jdbi.withHandle(h -> h.createQuery("select 1").mapTo(Integer.class).one()) == 1
          && file.map(Files::isWritable).orElse(true);
    } catch (RuntimeException e) {
      return false;
    }
  }
}
