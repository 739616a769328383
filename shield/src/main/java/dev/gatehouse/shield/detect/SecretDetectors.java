package dev.gatehouse.shield.detect;

import static dev.gatehouse.shield.detect.DetectorSet.SECRETS;

import java.util.List;
import java.util.regex.Pattern;

/** Detectors for credentials with a recognisable shape: vendor keys, tokens, private keys. */
final class SecretDetectors {
  /** Before and after a token: no character that could continue it. */
  private static final String NOT_AFTER_TOKEN = "(?<![A-Za-z0-9_-])";

  private static final String NOT_BEFORE_TOKEN = "(?![A-Za-z0-9_-])";

  private SecretDetectors() {}

  static List<Detector> all() {
    return List.of(
        awsAccessKey(),
        githubToken(),
        slackToken(),
        stripeLiveKey(),
        openAiKey(),
        anthropicKey(),
        googleApiKey(),
        NamedDetector.of("jwt", SECRETS, JwtToken.finder()),
        NamedDetector.of("private-key", SECRETS, new PrivateKeyBlock()),
        NamedDetector.of("credential-assignment", SECRETS, CredentialAssignment.finder()));
  }

  static Detector awsAccessKey() {
    AnchoredRegex keyId =
        AnchoredRegex.of(
            Anchors.literals("AKIA", "ASIA"),
            "(?<![A-Za-z0-9/+])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9/+])",
            key -> !key.endsWith("EXAMPLE"));
    AnchoredRegex secret =
        new AnchoredRegex(
            Anchors.keywords("aws_secret_access_key", "secret_access_key", "secretaccesskey"),
            Pattern.compile(
                "(?i)(?:aws_?)?secret_?access_?key[\"']?[ \\t]{0,8}[:=][ \\t]{0,8}[\"']?"
                    + "([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])"),
            1,
            value -> Entropy.bitsPerChar(value) >= 4.0);
    return NamedDetector.of("aws-access-key", SECRETS, keyId, secret);
  }

  static Detector githubToken() {
    return NamedDetector.of(
        "github-token",
        SECRETS,
        AnchoredRegex.of(
            Anchors.literals("ghp_", "gho_", "ghu_", "ghs_", "ghr_"),
            NOT_AFTER_TOKEN + "gh[pousr]_[A-Za-z0-9]{36,251}" + NOT_BEFORE_TOKEN),
        AnchoredRegex.of(
            Anchors.literals("github_pat_"),
            NOT_AFTER_TOKEN + "github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}" + NOT_BEFORE_TOKEN));
  }

  static Detector slackToken() {
    return NamedDetector.of(
        "slack-token",
        SECRETS,
        AnchoredRegex.of(
            Anchors.literals("xoxb-", "xoxp-", "xoxa-", "xoxr-", "xoxs-", "xoxe-"),
            NOT_AFTER_TOKEN + "xox[bpares]-[0-9]{1,20}-[A-Za-z0-9-]{8,250}" + NOT_BEFORE_TOKEN),
        AnchoredRegex.of(
            Anchors.literals("https://hooks.slack.com/"),
            "https://hooks\\.slack\\.com/(?:services|workflows|triggers)/[A-Za-z0-9_/-]{16,250}"));
  }

  static Detector stripeLiveKey() {
    return NamedDetector.of(
        "stripe-live-key",
        SECRETS,
        AnchoredRegex.of(
            Anchors.literals("sk_live_", "rk_live_"),
            NOT_AFTER_TOKEN + "[sr]k_live_[A-Za-z0-9]{16,247}" + NOT_BEFORE_TOKEN));
  }

  static Detector openAiKey() {
    return NamedDetector.of(
        "openai-key",
        SECRETS,
        AnchoredRegex.of(
            Anchors.literals("sk-"),
            NOT_AFTER_TOKEN
                + "sk-(?!ant-)(?:(?:proj|svcacct|admin)-)?[A-Za-z0-9_-]{20,250}"
                + NOT_BEFORE_TOKEN,
            SecretDetectors::looksRandom));
  }

  static Detector anthropicKey() {
    return NamedDetector.of(
        "anthropic-key",
        SECRETS,
        AnchoredRegex.of(
            Anchors.literals("sk-ant-"),
            NOT_AFTER_TOKEN + "sk-ant-[A-Za-z0-9_-]{20,250}" + NOT_BEFORE_TOKEN,
            SecretDetectors::looksRandom));
  }

  static Detector googleApiKey() {
    return NamedDetector.of(
        "google-api-key",
        SECRETS,
        AnchoredRegex.of(
            Anchors.literals("AIza"),
            NOT_AFTER_TOKEN + "AIza[0-9A-Za-z_-]{35}" + NOT_BEFORE_TOKEN));
  }

  /**
   * Generated keys mix digits with both cases; words joined by dashes ({@code sk-learn-...}) do
   * not.
   */
  static boolean looksRandom(String token) {
    boolean digit = false;
    boolean upper = false;
    boolean lower = false;
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      digit |= Chars.isDigit(c);
      upper |= Chars.isUpper(c);
      lower |= c >= 'a' && c <= 'z';
    }
    return digit && upper && lower;
  }
}
