package dev.gatehouse.server.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The {@code vault:} section: where the Tink keyset that encrypts secrets comes from. Neither set:
 * {@code <data_dir>/vault-keyset.json}, created on first use.
 *
 * @param keysetFile a keyset JSON file
 * @param keysetEnv the name of an environment variable holding the keyset JSON
 */
public record VaultSettings(Optional<Path> keysetFile, Optional<String> keysetEnv) {
  public static final VaultSettings DEFAULT = new VaultSettings(Optional.empty(), Optional.empty());
  public static final String DEFAULT_FILE = "vault-keyset.json";
}
