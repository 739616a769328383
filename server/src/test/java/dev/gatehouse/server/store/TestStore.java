package dev.gatehouse.server.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;

/**
 * A store for one test, on one of the two databases Gatehouse runs on: a SQLite file in a temporary
 * directory, or a fresh PostgreSQL database on the local server (127.0.0.1:5432, trust auth),
 * dropped on {@link #close}. {@link #open} may be called more than once: each call is another
 * connection pool to the same store, as another process or node would have.
 */
public sealed interface TestStore extends AutoCloseable {
  /** The server the PostgreSQL tests use; override with {@code -Dgatehouse.test.postgres=...}. */
  String SERVER =
      System.getProperty("gatehouse.test.postgres", "jdbc:postgresql://127.0.0.1:5432/");

  String USER = "postgres";

  Database open();

  Dialect dialect();

  @Override
  void close();

  static TestStore sqlite(Path dir) {
    return new Sqlite(dir);
  }

  /** Creates {@code gatehouse_test_<random>} on the local server. */
  static Postgres postgres() {
    String name =
        "gatehouse_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    admin("create database " + name);
    return new Postgres(name);
  }

  private static void admin(String statement) {
    try (Connection c = DriverManager.getConnection(SERVER + "postgres", USER, "");
        Statement s = c.createStatement()) {
      s.execute(statement);
    } catch (SQLException e) {
      throw new IllegalStateException(statement + ": " + e.getMessage(), e);
    }
  }

  record Sqlite(Path dir) implements TestStore {
    @Override
    public Database open() {
      return Database.open(dir);
    }

    @Override
    public Dialect dialect() {
      return Dialect.SQLITE;
    }

    @Override
    public void close() {}
  }

  record Postgres(String name) implements TestStore {
    public Database.Postgres where() {
      return new Database.Postgres(SERVER + name, USER, Optional.empty());
    }

    @Override
    public Database open() {
      return Database.open(where());
    }

    @Override
    public Dialect dialect() {
      return Dialect.POSTGRES;
    }

    @Override
    public void close() {
      admin("drop database if exists " + name + " with (force)");
    }
  }
}
