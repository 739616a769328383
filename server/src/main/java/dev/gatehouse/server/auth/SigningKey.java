package dev.gatehouse.server.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import dev.gatehouse.server.store.DataDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.ParseException;
import java.util.UUID;

/**
 * The gateway's token signing key: an EC P-256 key made on first use and kept in the data
 * directory, readable by its owner only.
 */
public final class SigningKey {
  static final String FILE_NAME = "agent-signing-key.jwk";

  private SigningKey() {}

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
