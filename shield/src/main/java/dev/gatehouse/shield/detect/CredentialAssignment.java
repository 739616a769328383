package dev.gatehouse.shield.detect;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A credential-named key given a high-entropy value: {@code password=...}, {@code "api_key":
 * "..."}, {@code DB_PASSWORD: ...}. Reports the value only. Placeholders (changeme, xxxx, ${VAR},
 * <your-key>), plain numbers and low-entropy words do not fire.
 */
final class CredentialAssignment {
  /** Shannon entropy a value needs, in bits per character; 8 distinct characters reach 3.0. */
  private static final double MIN_ENTROPY = 3.0;

  private static final String VALUE_CHAR = "[^\\s\"'`,;&<>(){}\\[\\]\\\\]";
  private static final String KEY =
      "(?:password|passwd|pwd|passphrase|secret|token|api[_-]?key|access[_-]?key"
          + "|private[_-]?key|auth[_-]?key|client[_-]?secret)";

  private static final List<String> PLACEHOLDERS =
      List.of(
          "changeme",
          "change_me",
          "change-me",
          "example",
          "placeholder",
          "your_",
          "your-",
          "yourpassword",
          "xxxx",
          "****",
          "redacted",
          "dummy",
          "sample",
          "process.env",
          "environ",
          "getenv",
          "secrets.");

  private CredentialAssignment() {}

  static Finder finder() {
    return new AnchoredRegex(
        Anchors.wordStarts(
            Anchors.keywords(
                "password",
                "passwd",
                "pwd",
                "passphrase",
                "secret",
                "token",
                "apikey",
                "api_key",
                "api-key",
                "accesskey",
                "access_key",
                "access-key",
                "privatekey",
                "private_key",
                "private-key",
                "authkey",
                "auth_key",
                "auth-key",
                "clientsecret",
                "client_secret",
                "client-secret")),
        Pattern.compile(
            "(?:(?<![A-Za-z0-9])|(?<=[a-z0-9])(?=[A-Z]))(?i:"
                + KEY
                + ")[\"']?[ \\t]{0,8}(?:=>|:=|=|:)[ \\t]{0,8}[\"'`]?("
                + VALUE_CHAR
                + "{8,256}+)(?!"
                + VALUE_CHAR
                + ")"),
        1,
        CredentialAssignment::isSecretLooking);
  }

  static boolean isSecretLooking(String value) {
    char first = value.charAt(0);
    if (first == '$' || first == '%' || first == '*') {
      return false;
    }
    if (value.chars().allMatch(c -> Chars.isDigit((char) c))) {
      return false;
    }
    String lower = value.toLowerCase(Locale.ROOT);
    for (String placeholder : PLACEHOLDERS) {
      if (lower.contains(placeholder)) {
        return false;
      }
    }
    return Entropy.bitsPerChar(value) >= MIN_ENTROPY;
  }
}
