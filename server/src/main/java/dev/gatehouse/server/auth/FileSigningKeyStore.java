package dev.gatehouse.server.auth;

import dev.gatehouse.server.store.DataDirectory;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.UserPrincipal;
import java.text.ParseException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The keys of a single node: {@value #FILE_NAME} in the data directory, readable by its owner only,
 * always replaced by an atomic move so a reader sees the old set or the new one. A replacement
 * keeps the old file's owner (a {@code sudo gatehouse agent rotate-key} must not leave a file the
 * service cannot read); the first set is made by a hard link, so of two processes making it at once
 * the first wins; a rotation holds a lock on {@value #LOCK_NAME}, so two rotations at once follow
 * each other and neither loses the other's kept key.
 */
public final class FileSigningKeyStore implements SigningKeyStore {
  public static final String FILE_NAME = "agent-signing-key.jwk";
  public static final String LOCK_NAME = "agent-signing-key.lock";

  /** One rotation at a time in this process too: a file lock is held per process. */
  private static final Object ROTATION = new Object();

  private final Path dataDir;
  private final Path file;

  public FileSigningKeyStore(Path dataDir) {
    this.dataDir = dataDir;
    this.file = dataDir.resolve(FILE_NAME);
  }

  @Override
  public synchronized SigningKeySet loadOrCreate() {
    if (!Files.exists(file)) {
      createIfAbsent(SigningKeySet.generate());
    }
    return read();
  }

  /** Writes {@code keys} as the first set unless a set exists already (then it is kept). */
  synchronized void createIfAbsent(SigningKeySet keys) {
    write(keys, false);
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
  public SigningKeySet rotate(Optional<Instant> keepPreviousUntil, Instant now) {
    synchronized (ROTATION) {
      try {
        DataDirectory.create(dataDir);
        Path lockFile = dataDir.resolve(LOCK_NAME);
        try (FileChannel channel =
                FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.lock()) {
          // Whoever rotates next (the service user or root) can open it again.
          sameOwner(dataDir, lockFile);
          SigningKeySet next = loadOrCreate().rotate(keepPreviousUntil, now);
          write(next, true);
          return next;
        }
      } catch (IOException e) {
        throw new IllegalStateException(
            "cannot lock the signing keys in " + dataDir + ": " + e.getMessage());
      }
    }
  }

  /** Gives {@code target} the owner of {@code like}; fails when that is not permitted. */
  private static void sameOwner(Path like, Path target) throws IOException {
    UserPrincipal owner = Files.getOwner(like);
    if (!owner.equals(Files.getOwner(target))) {
      try {
        Files.setOwner(target, owner);
      } catch (IOException e) {
        throw new IOException(
            "cannot give "
                + target.getFileName()
                + " the owner "
                + owner.getName()
                + " of "
                + like.getFileName()
                + " ("
                + e.getMessage()
                + ")");
      }
    }
  }

  private void write(SigningKeySet keys, boolean replace) {
    try {
      DataDirectory.create(dataDir);
      Path temporary = Files.createTempFile(dataDir, "key", ".tmp");
      try {
        DataDirectory.ownerOnly(temporary);
        Files.writeString(temporary, keys.toJson());
        if (replace) {
          // The service reads the file as the old file's owner: keep it.
          sameOwner(file, temporary);
          Files.move(
              temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } else {
          // A link fails when the file exists: another process that made a key first wins and
          // this one reads it back (a move would replace it).
          Files.createLink(file, temporary);
        }
      } catch (FileAlreadyExistsException raced) {
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
