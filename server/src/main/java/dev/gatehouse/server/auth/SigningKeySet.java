package dev.gatehouse.server.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The agent token keys: one current EC P-256 key that signs (and verifies), and the keys it
 * replaced that still verify until a set time, never sign. Stored as a JWK set whose first key is
 * the current one (with its private part) and whose other keys are public only, each with its
 * {@code exp}; a single JWK, as stored before keys could rotate, reads as a set of one.
 *
 * @param current signs new tokens
 * @param previous public keys that verify tokens signed before a rotation, until their time
 */
public record SigningKeySet(ECKey current, List<Previous> previous) {
  /** A replaced key that verifies tokens until {@code until}. */
  public record Previous(ECKey key, Instant until) {}

  public SigningKeySet {
    if (current.getKeyID() == null || !current.isPrivate()) {
      throw new IllegalArgumentException(
          "the current signing key needs a key id and its private part");
    }
    previous = List.copyOf(previous);
  }

  /** A set holding one new key. */
  public static SigningKeySet generate() {
    return new SigningKeySet(newKey(), List.of());
  }

  /**
   * A new current key. The replaced key verifies until {@code keepPreviousUntil} if given; keys
   * kept by earlier rotations stay until their own time, and none stays when none is given.
   */
  public SigningKeySet rotate(Optional<Instant> keepPreviousUntil, Instant now) {
    List<Previous> kept = new ArrayList<>();
    keepPreviousUntil.ifPresent(
        until -> {
          kept.add(new Previous(current.toPublicJWK(), until));
          previous.stream().filter(p -> now.isBefore(p.until())).forEach(kept::add);
        });
    return new SigningKeySet(newKey(), kept);
  }

  /** The key that verifies a token signed under {@code keyId} at {@code now}, if any. */
  public Optional<ECKey> verifying(String keyId, Instant now) {
    if (keyId == null) {
      return Optional.empty();
    }
    if (keyId.equals(current.getKeyID())) {
      return Optional.of(current);
    }
    return previous.stream()
        .filter(p -> keyId.equals(p.key().getKeyID()) && now.isBefore(p.until()))
        .map(Previous::key)
        .findFirst();
  }

  /** The stored form: a JWK set, current key first. */
  public String toJson() {
    List<JWK> keys = new ArrayList<>();
    keys.add(current);
    for (Previous p : previous) {
      keys.add(
          new ECKey.Builder(p.key().toPublicJWK()).expirationTime(Date.from(p.until())).build());
    }
    return new JWKSet(keys).toString(false);
  }

  /** Reads the stored form (or a single JWK, the form before rotation). */
  public static SigningKeySet parse(String json) throws ParseException {
    List<JWK> keys =
        json.contains("\"keys\"") ? JWKSet.parse(json).getKeys() : List.of(JWK.parse(json));
    if (keys.isEmpty()) {
      throw new ParseException("no key in the signing key set", 0);
    }
    ECKey current = withKeyId(keys.get(0));
    List<Previous> previous = new ArrayList<>();
    for (JWK key : keys.subList(1, keys.size())) {
      if (key.getExpirationTime() == null) {
        throw new ParseException("a previous signing key has no expiry", 0);
      }
      previous.add(new Previous(withKeyId(key).toPublicJWK(), key.getExpirationTime().toInstant()));
    }
    try {
      return new SigningKeySet(current, previous);
    } catch (IllegalArgumentException e) {
      throw new ParseException(e.getMessage(), 0);
    }
  }

  private static ECKey withKeyId(JWK key) throws ParseException {
    if (!(key instanceof ECKey ec) || !Curve.P_256.equals(ec.getCurve())) {
      throw new ParseException("a signing key is not an EC P-256 key", 0);
    }
    if (ec.getKeyID() != null) {
      return ec;
    }
    try {
      return new ECKey.Builder(ec).keyIDFromThumbprint().build();
    } catch (JOSEException e) {
      throw new ParseException("cannot name a signing key: " + e.getMessage(), 0);
    }
  }

  private static ECKey newKey() {
    try {
      return new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString()).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot make a signing key: " + e.getMessage());
    }
  }
}
