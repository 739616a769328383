package dev.gatehouse.server.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.gatehouse.server.store.AgentStore;
import dev.gatehouse.shield.AgentIdentity;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks bearer tokens: ES256 only (so {@code alg: none} and HMAC tricks fail), signed by the key
 * its {@code kid} names among our current and still-kept previous keys ({@link SigningKeys}), the
 * right issuer, within its validity, and not revoked. Revocation is read from the store at most
 * {@link #REVOCATION_DELAY} late, so a {@code gatehouse agent revoke} run in another process takes
 * effect within that time.
 */
public final class TokenVerifier {
  public static final Duration REVOCATION_DELAY = Duration.ofSeconds(1);
  private static final int MAX_TOKEN_CHARS = 8192;
  private static final int CACHE_LIMIT = 10_000;

  private final SigningKeys keys;
  private final Map<String, ECDSAVerifier> verifiers = new ConcurrentHashMap<>();
  private final AgentStore agents;
  private final InstantSource clock;
  private final Map<String, Cached> revocations = new ConcurrentHashMap<>();

  private final int cacheLimit;
  private final Map<String, Verified> verified = new ConcurrentHashMap<>();

  /**
   * Which key signed each token id checked here, so long-lived callers follow a rotation. Never
   * cleared wholesale (a forgotten key id would let a session outlive a rotation): only entries of
   * expired tokens are dropped. Entries come only from tokens our keys signed, so their number is
   * bounded by the tokens operators issued.
   */
  private final Map<String, SignedBy> keyIds = new ConcurrentHashMap<>();

  /**
   * The size above which expired key-id entries are swept next: after each sweep twice what is
   * left, so many live tokens cost one sweep per doubling, not one per new token.
   */
  private volatile int sweepKeyIdsAbove;

  private record SignedBy(String keyId, Instant expiresAt) {}

  private record Cached(Optional<AgentStore.TokenRow> row, Instant fetchedAt) {}

  /** A token whose signature and claims were checked once; only its revocation is re-read. */
  private record Verified(AgentIdentity agent, Instant expiresAt, String keyId) {}

  /** Verifies with the key of {@code keys} that the token's {@code kid} names. */
  public TokenVerifier(SigningKeys keys, AgentStore agents, InstantSource clock) {
    this(keys, agents, clock, CACHE_LIMIT);
  }

  /** As above, with caches cleared past {@code cacheLimit} entries (small in tests). */
  TokenVerifier(SigningKeys keys, AgentStore agents, InstantSource clock, int cacheLimit) {
    this.cacheLimit = cacheLimit;
    this.sweepKeyIdsAbove = cacheLimit;
    this.keys = keys;
    this.agents = agents;
    this.clock = clock;
  }

  public TokenCheck check(String token) {
    if (token == null || token.isBlank()) {
      return new TokenCheck.Invalid("no token");
    }
    if (token.length() > MAX_TOKEN_CHARS) {
      return new TokenCheck.Invalid("token too long");
    }
    Verified known = verified.get(token);
    if (known != null) {
      return recheck(known);
    }
    SignedJWT jwt;
    try {
      jwt = SignedJWT.parse(token);
    } catch (ParseException e) {
      return new TokenCheck.Invalid("not a signed JWT");
    }
    if (!JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm())) {
      return new TokenCheck.Invalid(
          "algorithm " + jwt.getHeader().getAlgorithm() + " not accepted");
    }
    String keyId = jwt.getHeader().getKeyID();
    Optional<ECKey> key = keys.verifying(keyId);
    if (key.isEmpty()) {
      return new TokenCheck.Invalid("signed with an unknown or retired key");
    }
    try {
      if (!jwt.verify(verifierFor(key.get()))) {
        return new TokenCheck.Invalid("bad signature");
      }
      return checkClaims(token, jwt.getJWTClaimsSet(), keyId);
    } catch (JOSEException | ParseException e) {
      return new TokenCheck.Invalid("unverifiable token");
    }
  }

  private ECDSAVerifier verifierFor(ECKey key) throws JOSEException {
    ECDSAVerifier verifier = verifiers.get(key.getKeyID());
    if (verifier == null) {
      verifier = new ECDSAVerifier(key.toPublicJWK());
      if (verifiers.size() > 16) {
        verifiers.clear();
      }
      verifiers.put(key.getKeyID(), verifier);
    }
    return verifier;
  }

  private TokenCheck checkClaims(String token, JWTClaimsSet claims, String keyId)
      throws ParseException {
    Instant now = clock.instant();
    if (!TokenIssuer.ISSUER.equals(claims.getIssuer())) {
      return new TokenCheck.Invalid("wrong issuer");
    }
    if (claims.getExpirationTime() == null
        || !now.isBefore(claims.getExpirationTime().toInstant())) {
      return new TokenCheck.Invalid("expired");
    }
    if (claims.getNotBeforeTime() != null
        && now.plusSeconds(60).isBefore(claims.getNotBeforeTime().toInstant())) {
      return new TokenCheck.Invalid("not valid yet");
    }
    String subject = claims.getSubject();
    String tokenId = claims.getJWTID();
    if (subject == null || tokenId == null) {
      return new TokenCheck.Invalid("missing subject or id");
    }
    Optional<AgentStore.TokenRow> row = lookUp(tokenId, now);
    if (row.isEmpty() || !row.get().agent().equals(subject)) {
      return new TokenCheck.Invalid("token id unknown");
    }
    if (row.get().revokedAt().isPresent()) {
      return new TokenCheck.Invalid("revoked");
    }
    List<String> roles = claims.getStringListClaim(TokenIssuer.ROLES_CLAIM);
    Set<String> roleSet = roles == null ? Set.of() : new HashSet<>(roles);
    AgentIdentity agent = new AgentIdentity(subject, roleSet, tokenId);
    Instant expiresAt = claims.getExpirationTime().toInstant();
    if (verified.size() > cacheLimit) {
      verified.clear();
    }
    if (keyIds.size() > sweepKeyIdsAbove) {
      keyIds.values().removeIf(signed -> !now.isBefore(signed.expiresAt()));
      sweepKeyIdsAbove = Math.max(cacheLimit, 2 * keyIds.size());
    }
    keyIds.put(tokenId, new SignedBy(keyId, expiresAt));
    verified.put(token, new Verified(agent, expiresAt, keyId));
    return new TokenCheck.Valid(agent);
  }

  /**
   * A token verified before: ECDSA is not repeated, expiry, revocation and its key are. Its row
   * must still be in the store.
   */
  private TokenCheck recheck(Verified known) {
    Instant now = clock.instant();
    if (!now.isBefore(known.expiresAt())) {
      return new TokenCheck.Invalid("expired");
    }
    if (keys.verifying(known.keyId()).isEmpty()) {
      return new TokenCheck.Invalid("signed with an unknown or retired key");
    }
    // A row that is gone (deleted, or a store restored from an older backup) counts as revoked.
    Optional<AgentStore.TokenRow> row = lookUp(known.agent().tokenId(), now);
    if (row.isEmpty()
        || !row.get().agent().equals(known.agent().name())
        || row.get().revokedAt().isPresent()) {
      return new TokenCheck.Invalid("revoked");
    }
    return new TokenCheck.Valid(known.agent());
  }

  /**
   * Whether an identity checked earlier still holds: its token not revoked or expired since, and
   * its signing key not rotated away. An identity this verifier never checked (so its signing key
   * is unknown) does not hold. Used for long-lived callers (a stdio session, a call that waited).
   */
  public boolean stillValid(AgentIdentity agent) {
    SignedBy signed = keyIds.get(agent.tokenId());
    if (signed == null || keys.verifying(signed.keyId()).isEmpty()) {
      return false;
    }
    Instant now = clock.instant();
    return lookUp(agent.tokenId(), now)
        .filter(row -> row.agent().equals(agent.name()))
        .filter(row -> row.revokedAt().isEmpty())
        .filter(row -> now.isBefore(row.expiresAt()))
        .isPresent();
  }

  private Optional<AgentStore.TokenRow> lookUp(String tokenId, Instant now) {
    Cached cached = revocations.get(tokenId);
    if (cached != null && now.isBefore(cached.fetchedAt().plus(REVOCATION_DELAY))) {
      return cached.row();
    }
    Optional<AgentStore.TokenRow> row = agents.token(tokenId);
    if (revocations.size() > cacheLimit) {
      revocations.clear();
    }
    revocations.put(tokenId, new Cached(row, now));
    return row;
  }
}
