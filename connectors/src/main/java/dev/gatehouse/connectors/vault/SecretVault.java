package dev.gatehouse.connectors.vault;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Secrets at rest: each value encrypted with the keyset's primary AEAD key, with the secret's name
 * as associated data, so a ciphertext moved to another name does not decrypt.
 */
public final class SecretVault {
  public static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");

  private final KeySource keys;
  private final SecretStore store;
  private final InstantSource clock;
  private volatile Aead aead;

  public SecretVault(KeySource keys, SecretStore store, InstantSource clock) {
    this.keys = keys;
    this.store = store;
    this.clock = clock;
    this.aead = aead(keys.load());
  }

  public void put(String name, String value) {
    checkName(name);
    if (value.isEmpty()) {
      throw new VaultException("secret " + name + " would be empty");
    }
    store.put(name, encrypt(aead, name, value), clock.instant());
  }

  /**
   * Decrypts one secret.
   *
   * @throws VaultException when unknown, or when the ciphertext does not decrypt (tampered, moved
   *     to another name, or encrypted under a key this keyset lacks)
   */
  public String reveal(String name) {
    SecretStore.StoredSecret stored =
        store.find(name).orElseThrow(() -> new VaultException("there is no secret named " + name));
    try {
      return decrypt(aead, stored);
    } catch (GeneralSecurityException first) {
      // The keyset may have been rotated by another process since it was loaded.
      Aead reloaded = aead(keys.load());
      try {
        String value = decrypt(reloaded, stored);
        aead = reloaded;
        return value;
      } catch (GeneralSecurityException second) {
        throw new VaultException(
            "secret "
                + name
                + " does not decrypt: its ciphertext was altered, moved from another"
                + " name, or made with a key the vault no longer has");
      }
    }
  }

  public Optional<SecretStore.StoredSecret> find(String name) {
    return store.find(name);
  }

  public List<SecretStore.StoredSecret> list() {
    return store.all();
  }

  public boolean remove(String name) {
    return store.delete(name);
  }

  /**
   * Adds a new primary key to the keyset and re-encrypts every secret under it. Old keys stay in
   * the keyset, so a running gateway that still holds the old keyset keeps working, and picks up
   * the new one on its next decryption failure.
   *
   * @return how many secrets were re-encrypted
   */
  public int rotateKey() {
    Aead old = aead;
    Aead rotated = aead(keys.rotate());
    List<SecretStore.StoredSecret> reencrypted = new ArrayList<>();
    for (SecretStore.StoredSecret stored : store.all()) {
      try {
        String value = decrypt(old, stored);
        reencrypted.add(
            new SecretStore.StoredSecret(
                stored.name(), encrypt(rotated, stored.name(), value), stored.updatedAt()));
      } catch (GeneralSecurityException e) {
        throw new VaultException(
            "secret " + stored.name() + " does not decrypt; nothing was re-encrypted");
      }
    }
    store.replaceAll(reencrypted);
    aead = rotated;
    return reencrypted.size();
  }

  public static void checkName(String name) {
    if (!NAME.matcher(name).matches()) {
      throw new VaultException(
          "a secret name must be 1-64 letters, digits, '_', '.' or '-', starting with a letter");
    }
  }

  private static Aead aead(KeysetHandle handle) {
    try {
      return handle.getPrimitive(RegistryConfiguration.get(), Aead.class);
    } catch (GeneralSecurityException e) {
      throw new VaultException("the vault keyset holds no usable AEAD key");
    }
  }

  private static byte[] encrypt(Aead aead, String name, String value) {
    try {
      return aead.encrypt(
          value.getBytes(StandardCharsets.UTF_8), name.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new VaultException("secret " + name + " could not be encrypted");
    }
  }

  private static String decrypt(Aead aead, SecretStore.StoredSecret stored)
      throws GeneralSecurityException {
    return new String(
        aead.decrypt(stored.ciphertext(), stored.name().getBytes(StandardCharsets.UTF_8)),
        StandardCharsets.UTF_8);
  }
}
