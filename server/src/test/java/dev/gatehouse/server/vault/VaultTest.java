package dev.gatehouse.server.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.connectors.vault.KeySource;
import dev.gatehouse.connectors.vault.SecretVault;
import dev.gatehouse.connectors.vault.VaultException;
import dev.gatehouse.server.store.Database;
import dev.gatehouse.server.store.DatabaseSecretStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.InstantSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The vault against a real SQLite file and a real Tink keyset. */
class VaultTest {
  static final String VALUE = "sk_live_" + "4eC39HqLyjWDarjtT1zdp7dc";

  @TempDir Path dir;
  Database database;
  SecretVault vault;

  @BeforeEach
  void open() {
    database = Database.open(dir);
    vault =
        new SecretVault(
            new KeySource.File(dir.resolve("vault-keyset.json")),
            new DatabaseSecretStore(database.jdbi()),
            InstantSource.system());
  }

  private byte[] ciphertext(String name) {
    return database
        .jdbi()
        .withHandle(
            h ->
                h.createQuery("select ciphertext from secrets where name = :n")
                    .bind("n", name)
                    .mapTo(byte[].class)
                    .one());
  }

  @Test
  void storesOnlyCiphertextAndRevealsTheValue() throws Exception {
    vault.put("STRIPE_KEY", VALUE);
    assertThat(vault.reveal("STRIPE_KEY")).isEqualTo(VALUE);
    assertThat(new String(ciphertext("STRIPE_KEY"), StandardCharsets.ISO_8859_1))
        .doesNotContain(VALUE);
    assertThat(Files.readString(database.file().orElseThrow(), StandardCharsets.ISO_8859_1))
        .doesNotContain(VALUE);
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("vault-keyset.json"))))
        .isEqualTo("rw-------");
  }

  @Test
  void aTamperedCiphertextDoesNotDecrypt() {
    vault.put("STRIPE_KEY", VALUE);
    byte[] bytes = ciphertext("STRIPE_KEY");
    bytes[bytes.length - 3] ^= 0x01;
    database
        .jdbi()
        .useHandle(
            h ->
                h.createUpdate("update secrets set ciphertext = :c where name = 'STRIPE_KEY'")
                    .bind("c", bytes)
                    .execute());
    assertThatThrownBy(() -> vault.reveal("STRIPE_KEY"))
        .isInstanceOf(VaultException.class)
        .hasMessageContaining("secret STRIPE_KEY does not decrypt")
        .hasMessageNotContaining(VALUE);
  }

  @Test
  void aCiphertextMovedToAnotherNameDoesNotDecrypt() {
    vault.put("STRIPE_KEY", VALUE);
    vault.put("HARMLESS", "nothing-to-see");
    byte[] stolen = ciphertext("STRIPE_KEY");
    database
        .jdbi()
        .useHandle(
            h ->
                h.createUpdate("update secrets set ciphertext = :c where name = 'HARMLESS'")
                    .bind("c", stolen)
                    .execute());
    assertThatThrownBy(() -> vault.reveal("HARMLESS"))
        .isInstanceOf(VaultException.class)
        .hasMessageContaining("HARMLESS");
  }

  @Test
  void rotationReencryptsAndAGatewayHoldingTheOldKeysetStillReads() {
    vault.put("STRIPE_KEY", VALUE);
    byte[] before = ciphertext("STRIPE_KEY");
    SecretVault runningGateway =
        new SecretVault(
            new KeySource.File(dir.resolve("vault-keyset.json")),
            new DatabaseSecretStore(database.jdbi()),
            InstantSource.system());

    assertThat(vault.rotateKey()).isEqualTo(1);

    assertThat(ciphertext("STRIPE_KEY")).isNotEqualTo(before);
    assertThat(vault.reveal("STRIPE_KEY")).isEqualTo(VALUE);
    assertThat(runningGateway.reveal("STRIPE_KEY")).isEqualTo(VALUE);
  }

  @Test
  void unknownSecretsAndBadNamesAreClearErrors() {
    assertThatThrownBy(() -> vault.reveal("MISSING"))
        .hasMessage("there is no secret named MISSING");
    assertThatThrownBy(() -> vault.put("bad name", "x"))
        .hasMessageContaining("a secret name must be");
  }
}
