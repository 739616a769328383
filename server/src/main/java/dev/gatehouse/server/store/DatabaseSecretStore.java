package dev.gatehouse.server.store;

import dev.gatehouse.connectors.vault.SecretStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Vault ciphertexts in the store's {@code secrets} table, on SQLite or PostgreSQL. */
public final class DatabaseSecretStore implements SecretStore {
  private final Jdbi jdbi;

  public DatabaseSecretStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public Optional<StoredSecret> find(String name) {
    return jdbi.withHandle(
        h ->
            h.createQuery("select name, ciphertext, updated_at from secrets where name = :n")
                .bind("n", name)
                .map(
                    (rs, ctx) ->
                        new StoredSecret(
                            rs.getString(1), rs.getBytes(2), Instant.ofEpochMilli(rs.getLong(3))))
                .findOne());
  }

  @Override
  public void put(String name, byte[] ciphertext, Instant at) {
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "insert into secrets(name, ciphertext, updated_at) values (:n, :c, :at) on"
                        + " conflict(name) do update set ciphertext = excluded.ciphertext, updated_at ="
                        + " excluded.updated_at")
                .bind("n", name)
                .bind("c", ciphertext)
                .bind("at", at.toEpochMilli())
                .execute());
  }

  @Override
  public void replaceAll(List<StoredSecret> secrets) {
    jdbi.useTransaction(
        h -> {
          for (StoredSecret secret : secrets) {
            h.createUpdate("update secrets set ciphertext = :c where name = :n")
                .bind("c", secret.ciphertext())
                .bind("n", secret.name())
                .execute();
          }
        });
  }

  @Override
  public boolean delete(String name) {
    return jdbi.withHandle(
            h -> h.createUpdate("delete from secrets where name = :n").bind("n", name).execute())
        > 0;
  }

  @Override
  public List<StoredSecret> all() {
    return jdbi.withHandle(
        h ->
            h.createQuery("select name, ciphertext, updated_at from secrets order by name")
                .map(
                    (rs, ctx) ->
                        new StoredSecret(
                            rs.getString(1), rs.getBytes(2), Instant.ofEpochMilli(rs.getLong(3))))
                .list());
  }
}
