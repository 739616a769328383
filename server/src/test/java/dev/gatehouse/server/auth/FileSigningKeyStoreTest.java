package dev.gatehouse.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The key file of a single node: the first set made wins, a rotation keeps the file's owner, and a
 * set that changed but cannot be read is reported, not silently ignored.
 */
class FileSigningKeyStoreTest {
  @TempDir Path data;

  @Test
  void theFirstSetMadeWinsOverALaterOne() throws Exception {
    FileSigningKeyStore store = new FileSigningKeyStore(data);
    SigningKeySet first = store.loadOrCreate();

    // What a second process does when it saw no file just before the first one wrote it.
    new FileSigningKeyStore(data).createIfAbsent(SigningKeySet.generate());

    assertThat(store.read().current().getKeyID()).isEqualTo(first.current().getKeyID());
    try (var files = Files.list(data)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactly(FileSigningKeyStore.FILE_NAME);
    }
  }

  @Test
  void aRotationByRootKeepsTheOwnerOfTheKeyFile() throws Exception {
    assumeThat(System.getProperty("user.name")).as("changing owners needs root").isEqualTo("root");
    FileSigningKeyStore store = new FileSigningKeyStore(data);
    store.loadOrCreate();
    UserPrincipal service =
        data.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
    Path file = data.resolve(FileSigningKeyStore.FILE_NAME);
    Files.setOwner(data, service);
    Files.setOwner(file, service);

    Instant now = Instant.now();
    SigningKeySet rotated = store.rotate(Optional.of(now.plus(Duration.ofHours(1))), now);

    assertThat(Files.getOwner(file)).isEqualTo(service);
    assertThat(Files.getOwner(data.resolve(FileSigningKeyStore.LOCK_NAME))).isEqualTo(service);
    assertThat(store.read().current().getKeyID()).isEqualTo(rotated.current().getKeyID());
  }

  @Test
  void aChangedSetThatCannotBeReadIsAProblemUntilItCanBe() throws Exception {
    FileSigningKeyStore store = new FileSigningKeyStore(data);
    SigningKeyRotationTest.MovableClock clock =
        new SigningKeyRotationTest.MovableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    SigningKeys keys = new SigningKeys(store, clock);
    String before = keys.current().current().getKeyID();
    Path file = data.resolve(FileSigningKeyStore.FILE_NAME);
    assertThat(keys.problem()).isEmpty();

    Files.writeString(file, "{ not a key set");
    clock.advance(SigningKeys.RELOAD_DELAY);
    assertThat(keys.problem()).contains(SigningKeys.CHANGED_BUT_UNREADABLE);
    // The last good set stays in force meanwhile.
    assertThat(keys.verifying(before)).isPresent();

    Files.delete(file);
    clock.advance(SigningKeys.RELOAD_DELAY);
    assertThat(keys.problem()).contains(SigningKeys.STORE_UNREADABLE);

    SigningKeySet next = SigningKeySet.generate();
    Files.writeString(file, next.toJson());
    clock.advance(SigningKeys.RELOAD_DELAY);
    assertThat(keys.problem()).isEmpty();
    assertThat(keys.verifying(before)).isEmpty();
    assertThat(keys.current().current().getKeyID()).isEqualTo(next.current().getKeyID());
  }
}
