package dev.gatehouse.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jdbi.v3.core.Jdbi;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The embedded store: one SQLite file in WAL mode, reached through Jdbi, its schema brought up to
 * date by {@link Migrations} when opened. Several processes (the gateway and CLI commands) may open
 * it at once; SQLite serializes their writes.
 */
public final class Database implements AutoCloseable {
  public static final String FILE_NAME = "gatehouse.db";

  private final Jdbi jdbi;
  private final Path file;
  private final HikariDataSource pool;

  private Database(Jdbi jdbi, Path file, HikariDataSource pool) {
    this.jdbi = jdbi;
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
    Migrations.apply(jdbi, Migrations.ALL);
    try {
      DataDirectory.ownerOnly(file);
    } catch (IOException e) {
      throw new StoreException("cannot restrict permissions of " + file + ": " + e.getMessage());
    }
    return new Database(jdbi, file, source);
  }

  public Jdbi jdbi() {
    return jdbi;
  }

  public Path file() {
    return file;
  }

  /** True when the file can be read and written now (for readiness). */
  public boolean isHealthy() {
    try {
      return jdbi.withHandle(h -> h.createQuery("select 1").mapTo(Integer.class).one()) == 1
          && Files.isWritable(file);
    } catch (RuntimeException e) {
      return false;
    }
  }
}
