package dev.gatehouse.shield.redact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SecretRedactorTest {
  private static final String TOKEN = "ghp_" + "x1Y2z3".repeat(6);
  private static final String PASSWORD = "p@ss w/rd+42&more";
  private final SecretRedactor redactor =
      SecretRedactor.of(Map.of("GITHUB_TOKEN", TOKEN, "DB_PASSWORD", PASSWORD));

  @Test
  void aCutNeverKeepsTheBeginningOfASecretInAnyForm() {
    String hex = java.util.HexFormat.of().formatHex(TOKEN.getBytes(StandardCharsets.UTF_8));
    for (String form : java.util.List.of(TOKEN, hex)) {
      String text = "before " + form + " after";
      for (int cut = "before ".length() + 1; cut < "before ".length() + form.length(); cut++) {
        assertEquals("before ".length(), redactor.safeEnd(text, cut), form + " cut at " + cut);
      }
    }
    assertEquals(6, redactor.safeEnd("plain; text", 6));
  }

  @Test
  void masksPlainValues() {
    assertEquals("token=[REDACTED:GITHUB_TOKEN];", redactor.redact("token=" + TOKEN + ";"));
  }

  @Test
  void masksBase64UrlAndHexForms() {
    String base64 = Base64.getEncoder().encodeToString(PASSWORD.getBytes(StandardCharsets.UTF_8));
    String urlSafe =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(TOKEN.getBytes(StandardCharsets.UTF_8));
    String url = URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8);
    String hex = HexFormat.of().formatHex(TOKEN.getBytes(StandardCharsets.UTF_8)).toUpperCase();
    for (String encoded : new String[] {base64, urlSafe, url, hex}) {
      String out = redactor.redact("before " + encoded + " after");
      assertTrue(out.contains("[REDACTED:"), out);
      assertFalse(out.contains(encoded), out);
    }
  }

  @Test
  void masksASecretEncodedInsideALongerBase64Text() {
    for (String prefix : new String[] {"", "a", "ab", "Authorization: Bearer "}) {
      String encoded =
          Base64.getEncoder()
              .encodeToString((prefix + TOKEN + " trailing").getBytes(StandardCharsets.UTF_8));
      assertTrue(
          redactor.secretsIn(encoded).contains("GITHUB_TOKEN"),
          "prefix '" + prefix + "': " + encoded);
    }
  }

  @Test
  void leavesCleanTextAloneAndIgnoresTooShortValues() {
    String clean = "nothing secret here, just text";
    assertSame(clean, redactor.redact(clean));
    SecretRedactor shortOnes = SecretRedactor.of(Map.of("PIN", "1234"));
    assertEquals("pin 1234", shortOnes.redact("pin 1234"));
  }

  @Test
  void overlappingSecretsAreMaskedWhole() {
    SecretRedactor overlapping = SecretRedactor.of(Map.of("A", "abcdefgh", "B", "efghijkl"));
    String out = overlapping.redact("xxabcdefghijklyy");
    assertFalse(out.contains("abcd") || out.contains("ijkl"), out);
    assertTrue(out.startsWith("xx[REDACTED:") && out.endsWith("yy"), out);
  }

  @Test
  void staysLinearWithHundredsOfSecrets() {
    Map<String, String> many = new HashMap<>();
    for (int i = 0; i < 500; i++) {
      many.put("SECRET_" + i, "value-" + i + "-" + "q".repeat(20));
    }
    SecretRedactor big = SecretRedactor.of(many);
    String text = "lorem ipsum ".repeat(10_000) + "value-321-" + "q".repeat(20);
    assertEquals(java.util.Set.of("SECRET_321"), big.secretsIn(text));
  }

  @Test
  void keepsItsMatcherSmallForManyLongSecrets() {
    Random random = new Random(11);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=";
    Map<String, String> secrets = new HashMap<>();
    for (int k = 0; k < 20; k++) {
      StringBuilder value = new StringBuilder();
      for (int i = 0; i < 4096; i++) {
        value.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      secrets.put("KEY_" + k, value.toString());
    }
    SecretRedactor many = SecretRedactor.of(secrets);
    // Every form (raw, six base64 cores, URL-encoded, hex...) of the 80 K secret characters makes
    // some 1.3 M trie states; a table of them by ~80 columns would take ~100 M ints (400 MB).
    long secretCharacters = 20L * 4096;
    assertTrue(
        many.matcherInts() < 80 * secretCharacters,
        "matcher takes " + many.matcherInts() + " ints");

    String raw = secrets.get("KEY_3");
    String base64 =
        Base64.getEncoder().encodeToString(secrets.get("KEY_7").getBytes(StandardCharsets.UTF_8));
    String hex = HexFormat.of().formatHex(secrets.get("KEY_19").getBytes(StandardCharsets.UTF_8));
    String text = "a " + raw + " b " + base64 + " c " + hex + " d";
    // 4096 bytes end the base64 with one character holding padding bits, then "==": those stay.
    assertEquals(
        "a [REDACTED:KEY_3] b [REDACTED:KEY_7]"
            + base64.substring(base64.length() - 3)
            + " c [REDACTED:KEY_19] d",
        many.redact(text));
    assertEquals(java.util.Set.of("KEY_3", "KEY_7", "KEY_19"), many.secretsIn(text));
    assertSame("nothing secret here", many.redact("nothing secret here"));
  }
}
