package dev.gatehouse.server;

import dev.gatehouse.connectors.vault.KeySource;
import dev.gatehouse.connectors.vault.SecretVault;
import dev.gatehouse.server.auth.FileSigningKeyStore;
import dev.gatehouse.server.auth.SigningKeyStore;
import dev.gatehouse.server.auth.VaultSigningKeyStore;
import dev.gatehouse.server.config.ClusterSettings;
import dev.gatehouse.server.config.GatehouseConfig;
import dev.gatehouse.server.store.Database;
import dev.gatehouse.server.store.DatabaseSecretStore;
import dev.gatehouse.server.store.StoreException;
import java.time.InstantSource;
import java.util.Optional;

/**
 * Opens the store the config names: the PostgreSQL database the nodes of a cluster share when
 * {@code cluster.database} is set, the SQLite file in {@code data_dir} otherwise. The database
 * password is the one secret that cannot live in the shared vault (it unlocks it): it is read from
 * this node's own store in {@code data_dir}, decrypted with this node's vault keyset.
 */
final class StoreOpener {
  private StoreOpener() {}

  static Database open(GatehouseConfig config, KeySource keys, InstantSource clock) {
    Optional<ClusterSettings.Database> shared = config.cluster().flatMap(ClusterSettings::database);
    if (shared.isEmpty()) {
      return Database.open(config.server().dataDir());
    }
    ClusterSettings.Database d = shared.get();
    Optional<String> password =
        d.passwordSecret().map(name -> nodeSecret(config, keys, clock, name));
    return Database.open(new Database.Postgres(d.url(), d.user(), password));
  }

  /** Where the agent token keys live: per node on SQLite, one set for the cluster on PostgreSQL. */
  static SigningKeyStore signingKeys(GatehouseConfig config, Database database, SecretVault vault) {
    return database.file().isPresent()
        ? new FileSigningKeyStore(config.server().dataDir())
        : new VaultSigningKeyStore(vault, database);
  }

  /** Stores a secret in this node's own store ({@code gatehouse secret set --node}). */
  static void putNodeSecret(
      GatehouseConfig config, KeySource keys, InstantSource clock, String name, String value) {
    try (Database local = Database.open(config.server().dataDir())) {
      new SecretVault(keys, new DatabaseSecretStore(local.jdbi()), clock).put(name, value);
    }
  }

  private static String nodeSecret(
      GatehouseConfig config, KeySource keys, InstantSource clock, String name) {
    try (Database local = Database.open(config.server().dataDir())) {
      SecretVault vault = new SecretVault(keys, new DatabaseSecretStore(local.jdbi()), clock);
      if (vault.find(name).isEmpty()) {
        throw new StoreException(
            "cluster.database: the password secret '"
                + name
                + "' is not in this node's own store (set it on each node with: gatehouse secret"
                + " set --node "
                + name
                + ")");
      }
      return vault.reveal(name);
    }
  }
}
