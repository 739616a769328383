package dev.gatehouse.server.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import dev.gatehouse.connectors.vault.SecretVault;
import dev.gatehouse.server.store.DataDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.ParseException;
import java.util.UUID;

/**
 * The gateway's token signing key: an EC P-256 key made on first use and kept in the data
 * directory, readable by its owner only; or, when the nodes of a cluster share a PostgreSQL store,
 * kept encrypted in the shared vault as {@link #SECRET}, so a token issued on one node is valid on
 * all.
 */
public final class SigningKey {
  static final String FILE_NAME = "agent-signing-key.jwk";

  /** The vault secret holding the key of a cluster. */
  public static final String SECRET = "gatehouse.agent-signing-key";

  private SigningKey() {}

  /**
   * Loads the cluster's key from the shared vault, creating it when there is none. Two nodes that
   * both start on an empty store at the same moment could each store a key; the last write wins and
   * both read it back, so they settle on one unless a node issued a token in between.
   */
  public static ECKey loadOrCreate(SecretVault vault) {
    try {
      if (vault.find(SECRET).isEmpty()) {
        vault.put(
            SECRET,
            new ECKeyGenerator(Curve.P_256)
                .keyID(UUID.randomUUID().toString())
                .generate()
                .toJSONString());
      }
      return ECKey.parse(vault.reveal(SECRET));
    } catch (ParseException | JOSEException e) {
      throw new IllegalStateException(
          "cannot load or create the signing key in the shared vault: " + e.getMessage());
    }
  }

  /** Loads the key from {@code dataDir}, creating it when there is none. */
  public static ECKey loadOrCreate(Path dataDir) {
    Path file = dataDir.resolve(FILE_NAME);
    try {
      if (Files.exists(file)) {
        return ECKey.parse(Files.readString(file));
      }
      DataDirectory.create(dataDir);
      ECKey key = new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString()).generate();
      Path temporary = Files.createTempFile(dataDir, "key", ".tmp");
      DataDirectory.ownerOnly(temporary);
      Files.writeString(temporary, key.toJSONString());
      try {
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException raced) {
        Files.deleteIfExists(temporary);
      }
      return ECKey.parse(Files.readString(file));
    } catch (IOException | ParseException | JOSEException e) {
      throw new IllegalStateException(
          "cannot load or create the signing key in " + dataDir + ": " + e.getMessage());
    }
  }
}
