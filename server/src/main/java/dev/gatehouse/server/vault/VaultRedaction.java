package dev.gatehouse.server.vault;

import dev.gatehouse.connectors.vault.SecretStore;
import dev.gatehouse.connectors.vault.SecretVault;
import dev.gatehouse.connectors.vault.VaultException;
import dev.gatehouse.server.logging.LogRedaction;
import dev.gatehouse.shield.redact.SecretRedactor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a {@link SecretRedactor} over every value in the vault, rebuilt when a secret is set,
 * changed or removed (also by {@code gatehouse secret} in another process), and hands it to the log
 * output too.
 */
public final class VaultRedaction implements Supplier<SecretRedactor> {
  private static final Logger log = LoggerFactory.getLogger(VaultRedaction.class);

  private final SecretVault vault;
  private volatile SecretRedactor current = SecretRedactor.empty();
  private volatile String version = "";

  public VaultRedaction(SecretVault vault) {
    this.vault = vault;
  }

  @Override
  public SecretRedactor get() {
    return current;
  }

  /** Rebuilds the redactor when the vault's contents changed since the last call. */
  public synchronized void refresh() {
    List<SecretStore.StoredSecret> stored = vault.list();
    String now = version(stored);
    if (now.equals(version)) {
      return;
    }
    Map<String, String> values = new HashMap<>();
    for (SecretStore.StoredSecret secret : stored) {
      try {
        values.put(secret.name(), vault.reveal(secret.name()));
      } catch (VaultException e) {
        log.error("vault: {}", e.getMessage());
      }
    }
    current = SecretRedactor.of(values);
    LogRedaction.use(current);
    version = now;
  }

  private static String version(List<SecretStore.StoredSecret> stored) {
    StringBuilder out = new StringBuilder();
    stored.forEach(
        s -> out.append(s.name()).append('@').append(s.updatedAt().toEpochMilli()).append(';'));
    return out.toString();
  }
}
