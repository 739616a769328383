package dev.gatehouse.shield.detect;

import static dev.gatehouse.shield.detect.Detected.assertFinds;
import static dev.gatehouse.shield.detect.Detected.assertSilent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SecretDetectorsTest {
  // Built by concatenation so that secret scanners do not flag this file.
  static final String AWS_KEY_ID = "AKIA" + "Z7QK4M2XW9RT3PLB";
  static final String AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/" + "bPxRfiCYzq8h3k9Lm2";
  static final String GITHUB_CLASSIC = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8";
  static final String GITHUB_FINE =
      "github_pat_" + "11ABCDEFG0123456789abc" + "_" + "x".repeat(20) + "Y7z".repeat(13);
  static final String SLACK_BOT = "xoxb-" + "123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx";
  static final String SLACK_HOOK =
      "https://hooks.slack.com/" + "services/T0A1B2C3D/B0A1B2C3D/aBcDeFgHiJkLmNoPqRsTuVwX";
  static final String STRIPE_LIVE = "sk_live_" + "51Hx7kQ2mZpL9vR3tY8wN4bC";
  static final String OPENAI_LEGACY =
      "sk-" + "aB3dE5fG7hJ9kL1mN3pQ5rS7" + "T3BlbkFJ" + "uV9wX1yZ3aB5cD7eF9gH";
  static final String OPENAI_PROJECT = "sk-proj-" + "Ab3_Cd5-Ef7Gh9Ij1Kl3Mn5Op7Qr9St1Uv3Wx5Yz7";
  static final String ANTHROPIC = "sk-ant-api03-" + "Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0Fe-dCbA_9876";
  static final String GOOGLE = "AIza" + "SyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q";
  static final String JWT =
      "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
          + ".eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkFkYSJ9"
          + ".SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
  static final String PEM =
      "-----BEGIN RSA PRIVATE KEY-----\n"
          + "MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\n"
          + "VTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK\n"
          + "-----END RSA PRIVATE KEY-----";
  static final String GIT_SHA = "3f7a9c2e41b8d06f5a1c9e2b7d4f8a0c6e3b1d95";

  static Stream<Arguments> secrets() {
    return Stream.of(
        arguments("aws-access-key", "key id " + AWS_KEY_ID + " in use", AWS_KEY_ID),
        arguments("aws-access-key", "ASIA" + "Q2W3E4R5T6Y7U8I9,", "ASIA" + "Q2W3E4R5T6Y7U8I9"),
        arguments("aws-access-key", "aws_secret_access_key = " + AWS_SECRET, AWS_SECRET),
        arguments(
            "aws-access-key", "\"AWS_SECRET_ACCESS_KEY\": \"" + AWS_SECRET + "\"", AWS_SECRET),
        arguments("github-token", "Authorization: token " + GITHUB_CLASSIC, GITHUB_CLASSIC),
        arguments("github-token", "GH_TOKEN=" + GITHUB_FINE + "\n", GITHUB_FINE),
        arguments("github-token", "ghs_" + "Zz9".repeat(12), "ghs_" + "Zz9".repeat(12)),
        arguments("slack-token", "token: " + SLACK_BOT, SLACK_BOT),
        arguments("slack-token", "post to " + SLACK_HOOK + " now", SLACK_HOOK),
        arguments("stripe-live-key", "STRIPE_KEY=" + STRIPE_LIVE, STRIPE_LIVE),
        arguments(
            "stripe-live-key", "rk_live_" + "9fK2mQ7xL4pZ8vR1", "rk_live_" + "9fK2mQ7xL4pZ8vR1"),
        arguments("openai-key", "OPENAI_API_KEY=" + OPENAI_LEGACY, OPENAI_LEGACY),
        arguments("openai-key", "key '" + OPENAI_PROJECT + "'", OPENAI_PROJECT),
        arguments("anthropic-key", "x-api-key: " + ANTHROPIC, ANTHROPIC),
        arguments("google-api-key", "?key=" + GOOGLE + "&q=1", GOOGLE),
        arguments("jwt", "Bearer " + JWT, JWT),
        arguments(
            "jwt",
            "alg none: eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.",
            "eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0."),
        arguments("private-key", "key:\n" + PEM + "\nthanks", PEM),
        arguments(
            "private-key",
            "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n",
            "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n"),
        arguments("credential-assignment", "password=Xk9#mQ2vL7pR", "Xk9#mQ2vL7pR"),
        arguments("credential-assignment", "DB_PASSWORD: \"tR8$wZ3nK1qY\"", "tR8$wZ3nK1qY"),
        arguments(
            "credential-assignment", "const apiKey = 'a8F3kL9mQ2xZ7vB1';", "a8F3kL9mQ2xZ7vB1"),
        arguments("credential-assignment", "client_secret => Qw3rTy7uI9oP2aS4", "Qw3rTy7uI9oP2aS4"),
        arguments(
            "credential-assignment", "https://x.io/cb?token=Zq8Wm3Rt6Yp1&x=1", "Zq8Wm3Rt6Yp1"),
        arguments("credential-assignment", "password = " + GIT_SHA, GIT_SHA));
  }

  @ParameterizedTest(name = "{0}: {2}")
  @MethodSource("secrets")
  void findsTheSecretExactly(String detector, String text, String secret) {
    assertFinds(detector, text, secret);
  }

  static Stream<Arguments> lookAlikes() {
    return Stream.of(
        arguments("aws-access-key", "AKIAIOSFODNN7EXAMPLE is the documented sample"),
        arguments("aws-access-key", "XAKIA" + "Z7QK4M2XW9RT3PLB"),
        arguments("aws-access-key", "AKIA" + "Z7QK4M2XW9RT3PL"),
        arguments("aws-access-key", "aws_secret_access_key = changeme"),
        arguments("github-token", "ghp_" + "tooShort123"),
        arguments("github-token", "ghx_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"),
        arguments("slack-token", "xoxb-not-a-token and xoxz-123456789012-abcdefghij"),
        arguments("slack-token", "see https://hooks.slack.com/ for docs"),
        arguments("stripe-live-key", "sk_test_" + "51Hx7kQ2mZpL9vR3tY8wN4bC"),
        arguments("stripe-live-key", "pk_live_" + "51Hx7kQ2mZpL9vR3tY8wN4bC"),
        arguments("openai-key", ANTHROPIC),
        arguments("openai-key", "pip install sk-learn-and-scikit-image-notebooks"),
        arguments("openai-key", "task-" + "aB3dE5fG7hJ9kL1mN3pQ5rS7"),
        arguments("anthropic-key", "sk-ant-placeholder-key-goes-here"),
        arguments("google-api-key", "AIza" + "SyA1b2C3d4E5"),
        arguments("jwt", "eyJmb28iOiJiYXIifQ.eyJ4IjoxfQ.c2lnbmF0dXJl"),
        arguments("jwt", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9 alone"),
        arguments(
            "private-key",
            "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYI\n-----END PUBLIC KEY-----"),
        arguments("private-key", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----"),
        arguments("credential-assignment", "password=changeme"),
        arguments("credential-assignment", "password=xxxxxxxxxxxx"),
        arguments("credential-assignment", "password=${DB_PASSWORD}"),
        arguments("credential-assignment", "api_key: <your-api-key-here>"),
        arguments("credential-assignment", "token=your_token_goes_here"),
        arguments("credential-assignment", "password = os.environ['DB_PASSWORD']"),
        arguments("credential-assignment", "token_count = 48213957"),
        arguments("credential-assignment", "password=12345678901"),
        arguments("credential-assignment", "tokenizer = bert-base-uncased"),
        arguments("credential-assignment", "commit = " + GIT_SHA),
        arguments("credential-assignment", "password: str"),
        arguments("credential-assignment", "password=aaaabbbbaaaa"));
  }

  @ParameterizedTest(name = "{0} ignores: {1}")
  @MethodSource("lookAlikes")
  void ignoresLookAlikes(String detector, String text) {
    assertSilent(detector, text);
  }

  @ParameterizedTest(name = "no secret in {0}")
  @MethodSource("innocentIdentifiers")
  void innocentIdentifiersAreNoSecret(String text) {
    List<Detector> secrets = Detectors.builtIn().bySet(DetectorSet.SECRETS);
    assertEquals(List.of(), Detectors.find(text, secrets));
  }

  static Stream<String> innocentIdentifiers() {
    return Stream.of(
        "request 550e8400-e29b-41d4-a716-446655440000 done",
        "fixed in " + GIT_SHA,
        "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        "the password field is required",
        "token: null");
  }

  @Test
  void masksOnlyTheAssignedValue() {
    assertEquals(
        "export PASSWORD=[REDACTED:credential-assignment] && run",
        Detectors.redact(
            "export PASSWORD=Xk9#mQ2vL7pR && run",
            List.of(Detected.named("credential-assignment"))));
  }

  @Test
  void aPemBlockIsMaskedWhole() {
    assertEquals(
        "a [REDACTED:private-key] b",
        Detectors.redact("a " + PEM + " b", List.of(Detected.named("private-key"))));
  }
}
