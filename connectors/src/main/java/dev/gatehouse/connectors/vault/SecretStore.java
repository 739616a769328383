package dev.gatehouse.connectors.vault;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where ciphertexts live (the gateway's database). Never sees a plaintext. */
public interface SecretStore {
  /** One stored secret: its name, ciphertext and when it was last set. */
  record StoredSecret(String name, byte[] ciphertext, Instant updatedAt) {}

  Optional<StoredSecret> find(String name);

  void put(String name, byte[] ciphertext, Instant at);

  /** Replaces many ciphertexts at once, all or none (key rotation). */
  void replaceAll(List<StoredSecret> secrets);

  boolean delete(String name);

  List<StoredSecret> all();
}
