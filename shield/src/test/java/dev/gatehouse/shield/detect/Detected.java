package dev.gatehouse.shield.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

/** Assertions on what one built-in detector finds in a text. */
final class Detected {
  private Detected() {}

  static Detector named(String name) {
    return Detectors.builtIn()
        .byName(name)
        .orElseThrow(() -> new AssertionError("no built-in detector " + name));
  }

  /** The substrings the detector matched, in order. */
  static List<String> matched(String detector, String text) {
    return named(detector).find(text).stream()
        .map(match -> text.substring(match.start(), match.end()))
        .toList();
  }

  static void assertFinds(String detector, String text, String expected) {
    assertEquals(List.of(expected), matched(detector, text), detector + " in: " + text);
  }

  static void assertSilent(String detector, String text) {
    assertEquals(List.of(), matched(detector, text), detector + " in: " + text);
  }
}
