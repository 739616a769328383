package dev.gatehouse.shield.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BuiltInDetectorsTest {
  private static final Map<DetectorSet, List<String>> NAMES = new EnumMap<>(DetectorSet.class);

  static {
    NAMES.put(
        DetectorSet.SECRETS,
        List.of(
            "aws-access-key",
            "github-token",
            "slack-token",
            "stripe-live-key",
            "openai-key",
            "anthropic-key",
            "google-api-key",
            "jwt",
            "private-key",
            "credential-assignment"));
    NAMES.put(
        DetectorSet.PII,
        List.of("email", "phone", "us-ssn", "credit-card", "iban", "aadhaar", "pan", "upi-id"));
    NAMES.put(DetectorSet.DESTRUCTIVE, List.of("dangerous-shell", "destructive-sql"));
    NAMES.put(DetectorSet.PATHS, List.of("path-traversal", "sensitive-file"));
    NAMES.put(DetectorSet.SSRF, List.of("ssrf-url"));
    NAMES.put(
        DetectorSet.INJECTION, List.of("prompt-injection", "tool-poisoning", "invisible-unicode"));
  }

  private final Detectors detectors = Detectors.builtIn();

  @ParameterizedTest
  @EnumSource(DetectorSet.class)
  void eachSetHoldsExactlyItsDocumentedDetectors(DetectorSet set) {
    List<String> names = detectors.bySet(set).stream().map(Detector::name).toList();
    assertFalse(names.isEmpty(), set.key());
    assertEquals(NAMES.get(set), names);
  }

  @Test
  void everyDocumentedNameIsRegisteredOnce() {
    List<String> expected = NAMES.values().stream().flatMap(List::stream).toList();
    assertEquals(26, expected.size());
    assertEquals(expected, detectors.all().stream().map(Detector::name).toList());
    for (String name : expected) {
      assertEquals(name, detectors.byName(name).orElseThrow().name());
    }
  }

  @Test
  void selectsASetAndASingleDetector() {
    List<String> selected =
        detectors.select(List.of("secrets", "email")).orElseThrow().stream()
            .map(Detector::name)
            .toList();
    List<String> expected = new java.util.ArrayList<>(NAMES.get(DetectorSet.SECRETS));
    expected.add("email");
    assertEquals(expected, selected);
  }

  @Test
  void selectingAnUnknownWordFails() {
    assertTrue(detectors.select(List.of("secrets", "no-such-detector")).isEmpty());
  }

  @Test
  void everyDetectorFindsNothingInPlainProse() {
    String prose =
        "The quick brown fox jumps over the lazy dog. Meeting moved to 3pm on 2024-05-01; "
            + "see https://example.com/docs/v2 for details, version 1.2.3, total 42.50 EUR.";
    assertEquals(List.of(), Detectors.find(prose, detectors.all()));
  }
}
