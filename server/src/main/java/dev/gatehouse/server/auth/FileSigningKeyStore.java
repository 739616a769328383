package dev.gatehouse.server.auth;

import dev.gatehouse.server.store.DataDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.text.ParseException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The keys of a single node: {@value #FILE_NAME} in the data directory, readable by its owner only,
 * always replaced by an atomic move so a reader sees the old set or the new one.
 */
public final class FileSigningKeyStore implements SigningKeyStore {
  public static final String FILE_NAME = "agent-signing-key.jwk";

  private final Path dataDir;
  private final Path file;

  public FileSigningKeyStore(Path dataDir) {
    this.dataDir = dataDir;
    this.file = dataDir.resolve(FILE_NAME);
  }

  @Override
  public synchronized SigningKeySet loadOrCreate() {
    if (!Files.exists(file)) {
      write(SigningKeySet.generate(), false);
    }
    return read();
  }

  @Override
  public SigningKeySet read() {
    try {
      return SigningKeySet.parse(Files.readString(file));
    } catch (IOException | ParseException e) {
      throw new IllegalStateException(
          "cannot read the signing keys in " + file + ": " + e.getMessage());
    }
  }

  @Override
  public Object stamp() {
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      return List.of(
          String.valueOf(attributes.fileKey()),
          attributes.lastModifiedTime().toMillis(),
          attributes.size());
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot read the signing keys in " + file + ": " + e.getMessage());
    }
  }

  @Override
  public synchronized SigningKeySet rotate(Optional<Instant> keepPreviousUntil, Instant now) {
    SigningKeySet next = loadOrCreate().rotate(keepPreviousUntil, now);
    write(next, true);
    return next;
  }

  private void write(SigningKeySet keys, boolean replace) {
    try {
      DataDirectory.create(dataDir);
      Path temporary = Files.createTempFile(dataDir, "key", ".tmp");
      try {
        DataDirectory.ownerOnly(temporary);
        Files.writeString(temporary, keys.toJson());
        if (replace) {
          Files.move(
              temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } else {
          // Another process that made a key first wins; this one reads it back.
          Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        }
      } catch (IOException raced) {
        if (replace) {
          throw raced;
        }
      } finally {
        Files.deleteIfExists(temporary);
      }
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot write the signing keys in " + dataDir + ": " + e.getMessage());
    }
  }
}
