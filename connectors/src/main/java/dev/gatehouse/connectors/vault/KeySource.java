package dev.gatehouse.connectors.vault;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeyTemplates;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.KeysetManager;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;

/**
 * Where the vault's Tink keyset comes from: a file (created on first use, owner-only) or an
 * environment variable holding the keyset JSON. For production, wrap the keyset with a KMS key
 * (Tink's KMS envelope AEAD); see docs/SECURITY.md.
 */
public sealed interface KeySource {
  String TEMPLATE = "AES256_GCM";

  KeysetHandle load();

  /** Adds a new primary key, keeping the old ones so existing ciphertexts still decrypt. */
  KeysetHandle rotate();

  /** A short description for messages (never key material). */
  String describe();

  /** A keyset JSON file; created with one AES-256-GCM key when missing. */
  record File(Path path) implements KeySource {
    @Override
    public KeysetHandle load() {
      try {
        register();
        if (!Files.exists(path)) {
          write(KeysetHandle.generateNew(KeyTemplates.get(TEMPLATE)));
        }
        return TinkJsonProtoKeysetFormat.parseKeyset(
            Files.readString(path), InsecureSecretKeyAccess.get());
      } catch (IOException | GeneralSecurityException e) {
        throw new VaultException(
            "cannot load the vault keyset from " + path + ": " + e.getClass().getSimpleName());
      }
    }

    @Override
    public KeysetHandle rotate() {
      try {
        KeysetManager manager = KeysetManager.withKeysetHandle(load());
        manager.add(KeyTemplates.get(TEMPLATE));
        int newest =
            manager.getKeysetHandle().getKeysetInfo().getKeyInfoList().stream()
                .mapToInt(info -> info.getKeyId())
                .reduce((first, second) -> second)
                .orElseThrow();
        manager.setPrimary(newest);
        KeysetHandle rotated = manager.getKeysetHandle();
        write(rotated);
        return rotated;
      } catch (IOException | GeneralSecurityException e) {
        throw new VaultException(
            "cannot rotate the vault key in " + path + ": " + e.getClass().getSimpleName());
      }
    }

    private void write(KeysetHandle handle) throws IOException, GeneralSecurityException {
      Files.createDirectories(path.toAbsolutePath().getParent());
      Path temporary = Files.createTempFile(path.toAbsolutePath().getParent(), "keyset", ".tmp");
      if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
        Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
      }
      Files.writeString(
          temporary,
          TinkJsonProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get()));
      Files.move(
          temporary, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public String describe() {
      return "keyset file " + path;
    }
  }

  /** A keyset JSON in an environment variable; it cannot be rotated in place. */
  record Environment(String variable, java.util.function.Function<String, String> env)
      implements KeySource {
    @Override
    public KeysetHandle load() {
      String json = env.apply(variable);
      if (json == null || json.isBlank()) {
        throw new VaultException("the environment variable " + variable + " holds no vault keyset");
      }
      try {
        register();
        return TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get());
      } catch (GeneralSecurityException e) {
        throw new VaultException(
            "the environment variable " + variable + " does not hold a valid Tink keyset");
      }
    }

    @Override
    public KeysetHandle rotate() {
      throw new VaultException(
          "the vault keyset comes from the environment variable "
              + variable
              + "; rotate it where it is kept");
    }

    @Override
    public String describe() {
      return "environment variable " + variable;
    }
  }

  private static void register() throws GeneralSecurityException {
    AeadConfig.register();
  }
}
