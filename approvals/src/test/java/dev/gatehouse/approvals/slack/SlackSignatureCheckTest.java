package dev.gatehouse.approvals.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class SlackSignatureCheckTest {
  static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
  static final Instant NOW = Instant.ofEpochSecond(1_531_420_618);
  // Slack's documented example request.
  static final String BODY =
      "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
  static final String SLACK_EXAMPLE_SIGNATURE =
      "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

  final SlackSignatureCheck check = new SlackSignatureCheck(SECRET, InstantSource.fixed(NOW));

  static String sign(String timestamp, String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return "v0="
        + HexFormat.of()
            .formatHex(
                mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void slacksOwnExampleVerifiesOnceThenCountsAsAReplay() {
    assertEquals(
        SlackSignatureCheck.Verdict.VALID,
        check.check("1531420618", SLACK_EXAMPLE_SIGNATURE, BODY));
    assertEquals(
        SlackSignatureCheck.Verdict.REPLAYED,
        check.check("1531420618", SLACK_EXAMPLE_SIGNATURE, BODY));
  }

  @Test
  void aChangedBodyOrWrongSecretIsForged() throws Exception {
    String ts = String.valueOf(NOW.getEpochSecond());
    assertEquals(
        SlackSignatureCheck.Verdict.FORGED, check.check(ts, sign(ts, BODY), BODY + "&x=1"));
    assertEquals(
        SlackSignatureCheck.Verdict.FORGED,
        new SlackSignatureCheck("other", InstantSource.fixed(NOW)).check(ts, sign(ts, BODY), BODY));
  }

  @Test
  void timestampsMoreThanFiveMinutesAwayAreStale() throws Exception {
    String old = String.valueOf(NOW.getEpochSecond() - 301);
    String future = String.valueOf(NOW.getEpochSecond() + 301);
    String edge = String.valueOf(NOW.getEpochSecond() - 300);
    assertEquals(SlackSignatureCheck.Verdict.STALE, check.check(old, sign(old, BODY), BODY));
    assertEquals(SlackSignatureCheck.Verdict.STALE, check.check(future, sign(future, BODY), BODY));
    assertEquals(SlackSignatureCheck.Verdict.VALID, check.check(edge, sign(edge, BODY), BODY));
  }

  @Test
  void missingOrMalformedHeadersAreRefused() {
    assertEquals(SlackSignatureCheck.Verdict.MISSING, check.check(null, "v0=00", BODY));
    assertEquals(SlackSignatureCheck.Verdict.MISSING, check.check("1531420618", null, BODY));
    assertEquals(SlackSignatureCheck.Verdict.MISSING, check.check("12ab", "v0=00", BODY));
  }
}
