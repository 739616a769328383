package dev.gatehouse.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.gatehouse.server.store.AgentStore;
import dev.gatehouse.server.store.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verifier picks the key by the token's {@code kid}: after a rotation, tokens of the new key
 * pass, tokens of the old key are refused at once or, with a kept previous key, until its time.
 * Time is moved, never waited for.
 */
class SigningKeyRotationTest {
  static final Duration TTL = Duration.ofDays(3);

  @TempDir Path data;
  Database database;
  FileSigningKeyStore store;
  MovableClock clock;
  TokenIssuer issuer;
  TokenVerifier verifier;

  static final class MovableClock implements InstantSource {
    private volatile Instant now;

    MovableClock(Instant start) {
      now = start;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @BeforeEach
  void open() {
    database = Database.open(data);
    store = new FileSigningKeyStore(data);
    clock = new MovableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    SigningKeys keys = new SigningKeys(store, clock);
    AgentStore agents = new AgentStore(database.jdbi());
    issuer = new TokenIssuer(keys, agents, clock);
    verifier = new TokenVerifier(keys, agents, clock);
  }

  @AfterEach
  void close() {
    database.close();
  }

  private String issue(String agent) {
    return issuer.issue(agent, Set.of(), TTL);
  }

  private static String keyIdOf(String token) throws Exception {
    return SignedJWT.parse(token).getHeader().getKeyID();
  }

  @Test
  void tokensNameTheirKeyAndTheNewKeyTakesOverWithinTheReloadDelay() throws Exception {
    String before = issue("agent-a");
    assertThat(keyIdOf(before)).isEqualTo(store.read().current().getKeyID());
    assertThat(verifier.check(before)).isInstanceOf(TokenCheck.Valid.class);

    SigningKeySet rotated = store.rotate(Optional.empty(), clock.instant());
    // Not re-read yet: the set is checked at most once per reload delay.
    assertThat(verifier.check(before)).isInstanceOf(TokenCheck.Valid.class);

    clock.advance(SigningKeys.RELOAD_DELAY);
    assertThat(verifier.check(before))
        .isEqualTo(new TokenCheck.Invalid("signed with an unknown or retired key"));
    String after = issue("agent-a");
    assertThat(keyIdOf(after))
        .isEqualTo(rotated.current().getKeyID())
        .isNotEqualTo(keyIdOf(before));
    assertThat(verifier.check(after)).isInstanceOf(TokenCheck.Valid.class);
  }

  @Test
  void aLongLivedCallerStopsWhenItsKeyIsRotatedAway() throws Exception {
    var agent = ((TokenCheck.Valid) verifier.check(issue("stdio-agent"))).agent();
    assertThat(verifier.stillValid(agent)).isTrue();
    store.rotate(Optional.empty(), clock.instant());
    clock.advance(SigningKeys.RELOAD_DELAY);
    assertThat(verifier.stillValid(agent)).isFalse();
  }

  @Test
  void aLongLivedCallerStopsAfterARotationEvenWhenTheVerifiersCachesWereFull() throws Exception {
    AgentStore agents = new AgentStore(database.jdbi());
    TokenVerifier small = new TokenVerifier(new SigningKeys(store, clock), agents, clock, 2);
    var agent = ((TokenCheck.Valid) small.check(issue("stdio-agent"))).agent();
    // More tokens than the caches hold: before, this forgot which key signed the first one.
    for (int i = 0; i < 4; i++) {
      assertThat(small.check(issue("busy-" + i))).isInstanceOf(TokenCheck.Valid.class);
    }
    assertThat(small.stillValid(agent)).isTrue();

    store.rotate(Optional.empty(), clock.instant());
    clock.advance(SigningKeys.RELOAD_DELAY);
    assertThat(small.stillValid(agent)).isFalse();
  }

  @Test
  void anIdentityTheVerifierNeverCheckedIsNotStillValid() {
    var issued = ((TokenCheck.Valid) verifier.check(issue("agent-c"))).agent();
    TokenVerifier other =
        new TokenVerifier(new SigningKeys(store, clock), new AgentStore(database.jdbi()), clock);
    assertThat(other.stillValid(issued)).isFalse();
  }

  @Test
  void aKeptPreviousKeyVerifiesUntilItsTimeAndNeverSigns() throws Exception {
    String before = issue("agent-b");
    Instant until = clock.instant().plus(Duration.ofHours(24));
    store.rotate(Optional.of(until), clock.instant());
    clock.advance(SigningKeys.RELOAD_DELAY);

    assertThat(verifier.check(before)).isInstanceOf(TokenCheck.Valid.class);
    String after = issue("agent-b");
    assertThat(keyIdOf(after)).isNotEqualTo(keyIdOf(before));
    assertThat(verifier.check(after)).isInstanceOf(TokenCheck.Valid.class);

    clock.advance(Duration.between(clock.instant(), until).minusSeconds(1));
    assertThat(verifier.check(before)).isInstanceOf(TokenCheck.Valid.class);
    clock.advance(Duration.ofSeconds(1));
    assertThat(verifier.check(before)).isInstanceOf(TokenCheck.Invalid.class);
    assertThat(verifier.check(after)).isInstanceOf(TokenCheck.Valid.class);
  }

  @Test
  void aSecondRotationWithoutKeepDropsEveryKeptKey() throws Exception {
    String first = issue("agent-c");
    store.rotate(Optional.of(clock.instant().plus(Duration.ofHours(24))), clock.instant());
    clock.advance(SigningKeys.RELOAD_DELAY);
    String second = issue("agent-c");
    assertThat(verifier.check(first)).isInstanceOf(TokenCheck.Valid.class);

    store.rotate(Optional.empty(), clock.instant());
    clock.advance(SigningKeys.RELOAD_DELAY);
    assertThat(verifier.check(first)).isInstanceOf(TokenCheck.Invalid.class);
    assertThat(verifier.check(second)).isInstanceOf(TokenCheck.Invalid.class);
    assertThat(verifier.check(issue("agent-c"))).isInstanceOf(TokenCheck.Valid.class);
  }

  @Test
  void aTokenWhoseRowIsGoneIsRefusedOnceTheCachedRowIsStale() throws Exception {
    String token = issue("agent-gone");
    assertThat(verifier.check(token)).isInstanceOf(TokenCheck.Valid.class);
    String tokenId = SignedJWT.parse(token).getJWTClaimsSet().getJWTID();
    database
        .jdbi()
        .useHandle(h -> h.execute("delete from agent_tokens where token_id = ?", tokenId));

    clock.advance(TokenVerifier.REVOCATION_DELAY);
    // The token is in the verifier's cache of checked tokens: only its row is read again.
    assertThat(verifier.check(token)).isEqualTo(new TokenCheck.Invalid("revoked"));
  }

  @Test
  void aTokenWithAnUnknownOrMissingKeyIdIsRefused() throws Exception {
    ECKey key = store.read().current();
    String tokenId = java.util.UUID.randomUUID().toString();
    new AgentStore(database.jdbi())
        .issue("agent-d", Set.of(), tokenId, clock.instant(), clock.instant().plus(TTL));
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(TokenIssuer.ISSUER)
            .subject("agent-d")
            .jwtID(tokenId)
            .expirationTime(Date.from(clock.instant().plus(TTL)))
            .build();
    for (String keyId : new String[] {"some-other-key", null}) {
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader.Builder(JWSAlgorithm.ES256)
                  .keyID(keyId)
                  .type(JOSEObjectType.JWT)
                  .build(),
              claims);
      jwt.sign(new ECDSASigner(key));
      assertThat(verifier.check(jwt.serialize()))
          .isEqualTo(new TokenCheck.Invalid("signed with an unknown or retired key"));
    }
  }

  @Test
  void anUnreadableKeySetKeepsTheLastGoodOne() throws Exception {
    String before = issue("agent-e");
    Path file = data.resolve(FileSigningKeyStore.FILE_NAME);
    Files.writeString(file, "{\"keys\": [ broken");
    clock.advance(SigningKeys.RELOAD_DELAY);
    assertThat(verifier.check(before)).isInstanceOf(TokenCheck.Valid.class);
    assertThat(keyIdOf(issue("agent-e"))).isEqualTo(keyIdOf(before));

    Files.writeString(file, SigningKeySet.generate().toJson());
    clock.advance(SigningKeys.RELOAD_DELAY);
    assertThat(verifier.check(before)).isInstanceOf(TokenCheck.Invalid.class);
  }

  @Test
  void theKeyFileIsOwnerOnlyAndKeptKeysAreStoredWithoutTheirPrivatePart() throws Exception {
    Instant until = clock.instant().plus(Duration.ofHours(2));
    store.rotate(Optional.of(until), clock.instant());
    Path file = data.resolve(FileSigningKeyStore.FILE_NAME);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    SigningKeySet read = store.read();
    assertThat(read.previous()).hasSize(1);
    assertThat(read.previous().get(0).until()).isEqualTo(until);
    assertThat(read.previous().get(0).key().isPrivate()).isFalse();
    assertThat(Files.readString(file)).containsOnlyOnce("\"d\"");
  }

  @Test
  void aSingleKeyStoredBeforeRotationReadsAsASetOfOne() throws Exception {
    ECKey legacy = SigningKeySet.generate().current();
    SigningKeySet read = SigningKeySet.parse(legacy.toJSONString());
    assertThat(read.current()).isEqualTo(legacy);
    assertThat(read.previous()).isEqualTo(List.of());
  }
}
