package dev.gatehouse.server.auth;

import dev.gatehouse.connectors.vault.SecretStore;
import dev.gatehouse.connectors.vault.SecretVault;
import dev.gatehouse.server.store.Database;
import dev.gatehouse.server.store.Dialect;
import java.nio.ByteBuffer;
import java.text.ParseException;
import java.time.Instant;
import java.util.Optional;

/**
 * The keys of a cluster: the vault secret {@value #SECRET} in the shared PostgreSQL store,
 * encrypted like every secret, so a token issued on one node is valid on all. Making and rotating
 * it happen under the {@link Dialect#SIGNING_KEY} advisory lock, so two nodes or CLIs never both
 * write.
 */
public final class VaultSigningKeyStore implements SigningKeyStore {
  /** The vault secret holding the key set of a cluster. */
  public static final String SECRET = "gatehouse.agent-signing-key";

  private final SecretVault vault;
  private final Database database;

  public VaultSigningKeyStore(SecretVault vault, Database database) {
    this.vault = vault;
    this.database = database;
  }

  @Override
  public SigningKeySet loadOrCreate() {
    return database.exclusively(
        Dialect.SIGNING_KEY,
        () -> {
          if (vault.find(SECRET).isEmpty()) {
            vault.put(SECRET, SigningKeySet.generate().toJson());
          }
          return read();
        });
  }

  @Override
  public SigningKeySet read() {
    try {
      return SigningKeySet.parse(vault.reveal(SECRET));
    } catch (ParseException | RuntimeException e) {
      throw new IllegalStateException(
          "cannot read the signing keys from the shared vault secret "
              + SECRET
              + " ("
              + e.getClass().getSimpleName()
              + ")");
    }
  }

  @Override
  public Object stamp() {
    Optional<SecretStore.StoredSecret> found;
    try {
      found = vault.find(SECRET);
    } catch (RuntimeException e) {
      // The driver's message may name the database host: only the kind of failure is told.
      throw new IllegalStateException(
          "cannot read the shared vault secret "
              + SECRET
              + " ("
              + e.getClass().getSimpleName()
              + ")");
    }
    return found
        .map(stored -> ByteBuffer.wrap(stored.ciphertext().clone()))
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "the shared vault has no secret " + SECRET + " (the signing keys)"));
  }

  @Override
  public SigningKeySet rotate(Optional<Instant> keepPreviousUntil, Instant now) {
    return database.exclusively(
        Dialect.SIGNING_KEY,
        () -> {
          SigningKeySet current = vault.find(SECRET).isEmpty() ? SigningKeySet.generate() : read();
          SigningKeySet next = current.rotate(keepPreviousUntil, now);
          vault.put(SECRET, next.toJson());
          return next;
        });
  }
}
