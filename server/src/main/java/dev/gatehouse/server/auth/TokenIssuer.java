package dev.gatehouse.server.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.gatehouse.server.store.AgentStore;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Issues agent tokens, signed with the current key and naming it in the {@code kid} header, and
 * records their ids, so they can be revoked.
 */
public final class TokenIssuer {
  static final String ISSUER = "gatehouse";
  static final String ROLES_CLAIM = "roles";

  private final SigningKeys keys;
  private final AgentStore agents;
  private final InstantSource clock;

  /** Signs with the current key of {@code keys}, which may change by rotation. */
  public TokenIssuer(SigningKeys keys, AgentStore agents, InstantSource clock) {
    this.keys = keys;
    this.agents = agents;
    this.clock = clock;
  }

  /** A new token for {@code agent}, valid for {@code ttl}. */
  public String issue(String agent, Set<String> roles, Duration ttl) {
    ECKey key = keys.current().current();
    Instant now = clock.instant();
    Instant expires = now.plus(ttl);
    String tokenId = UUID.randomUUID().toString();
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(ISSUER)
            .subject(agent)
            .jwtID(tokenId)
            .issueTime(Date.from(now))
            .notBeforeTime(Date.from(now))
            .expirationTime(Date.from(expires))
            .claim(ROLES_CLAIM, List.copyOf(new TreeSet<>(roles)))
            .build();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.ES256)
                .keyID(key.getKeyID())
                .type(JOSEObjectType.JWT)
                .build(),
            claims);
    try {
      jwt.sign(new ECDSASigner(key));
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign a token: " + e.getMessage());
    }
    agents.issue(agent, roles, tokenId, now, expires);
    return jwt.serialize();
  }
}
