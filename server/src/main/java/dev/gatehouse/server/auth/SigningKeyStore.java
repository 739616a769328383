package dev.gatehouse.server.auth;

import java.time.Instant;
import java.util.Optional;

/**
 * Where the agent token keys live: a file in the data directory on a single node, a secret in the
 * shared vault in a cluster. A running gateway asks for the cheap {@link #stamp()} once a second
 * and re-reads the set only when it changed.
 */
public sealed interface SigningKeyStore permits FileSigningKeyStore, VaultSigningKeyStore {
  /** The stored set, made and stored first when there is none. */
  SigningKeySet loadOrCreate();

  /** The stored set; throws when it is missing or unreadable. */
  SigningKeySet read();

  /**
   * Something that changes whenever the stored set does (a file's identity and time, a ciphertext);
   * cheap to get.
   */
  Object stamp();

  /** Replaces the current key by a new one; see {@link SigningKeySet#rotate}. */
  SigningKeySet rotate(Optional<Instant> keepPreviousUntil, Instant now);
}
