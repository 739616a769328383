package dev.gatehouse.approvals.slack;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks that an interaction request comes from Slack: the {@code v0} HMAC-SHA256 of {@code
 * v0:timestamp:body} under the signing secret, compared in constant time; a timestamp within five
 * minutes of now; and a signature not seen before (seen signatures are kept until they are too old
 * to pass the timestamp check anyway).
 */
public final class SlackSignatureCheck {
  static final Duration WINDOW = Duration.ofMinutes(5);

  private final byte[] secret;
  private final InstantSource clock;
  private final ConcurrentMap<String, Long> seen = new ConcurrentHashMap<>();

  public SlackSignatureCheck(String signingSecret, InstantSource clock) {
    this.secret = signingSecret.getBytes(StandardCharsets.UTF_8);
    this.clock = clock;
  }

  /** Why a request was refused, or that it passed. */
  public enum Verdict {
    VALID,
    MISSING,
    STALE,
    FORGED,
    REPLAYED
  }

  public Verdict check(String timestamp, String signature, String body) {
    if (timestamp == null || signature == null || !timestamp.matches("[0-9]{1,12}")) {
      return Verdict.MISSING;
    }
    long now = clock.instant().getEpochSecond();
    long at = Long.parseLong(timestamp);
    if (Math.abs(now - at) > WINDOW.toSeconds()) {
      return Verdict.STALE;
    }
    byte[] expected =
        ("v0=" + HexFormat.of().formatHex(hmac("v0:" + timestamp + ":" + body)))
            .getBytes(StandardCharsets.UTF_8);
    if (!MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.UTF_8))) {
      return Verdict.FORGED;
    }
    seen.values().removeIf(t -> Math.abs(now - t) > WINDOW.toSeconds());
    return seen.putIfAbsent(signature, at) == null ? Verdict.VALID : Verdict.REPLAYED;
  }

  private byte[] hmac(String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
