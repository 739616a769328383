package dev.gatehouse.shield.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.shield.text.PatternAutomaton.Case;
import dev.gatehouse.shield.text.PatternAutomaton.Layout;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PatternAutomatonTest {
  /** One reported occurrence, as {@code "start-end:pattern"}. */
  private static List<String> hits(PatternAutomaton automaton, String text) {
    List<String> found = new ArrayList<>();
    automaton.scan(text, (start, end, pattern) -> found.add(start + "-" + end + ":" + pattern));
    return found;
  }

  private static List<String> hits(List<String> patterns, Case mode, String text) {
    return hits(new PatternAutomaton(patterns, mode), text);
  }

  private static List<String> hits(List<String> patterns, Case mode, Layout layout, String text) {
    return hits(new PatternAutomaton(patterns, mode, layout), text);
  }

  /** Every occurrence by brute force, in the order {@link PatternAutomaton#scan} promises. */
  private static List<String> naive(List<String> patterns, String text) {
    List<String> found = new ArrayList<>();
    for (int end = 1; end <= text.length(); end++) {
      for (int length = end; length >= 1; length--) {
        for (int p = 0; p < patterns.size(); p++) {
          String pattern = patterns.get(p);
          if (pattern.length() == length && text.startsWith(pattern, end - length)) {
            found.add((end - length) + "-" + end + ":" + p);
          }
        }
      }
    }
    return found;
  }

  @ParameterizedTest
  @EnumSource(names = {"TABLE", "EDGES"})
  void findsOverlappingOccurrencesByEndLongestFirst(Layout layout) {
    List<String> patterns = List.of("abab", "bab", "ba");
    assertEquals(
        List.of("1-3:2", "0-4:0", "1-4:1", "3-5:2", "2-6:0", "3-6:1"),
        hits(patterns, Case.EXACT, layout, "ababab"));
  }

  @ParameterizedTest
  @EnumSource(names = {"TABLE", "EDGES"})
  void findsPatternsThatArePrefixesOrSuffixesOfOthers(Layout layout) {
    List<String> patterns = List.of("he", "she", "his", "hers", "s", "hershey");
    String text = "ushershey his";
    assertEquals(naive(patterns, text), hits(patterns, Case.EXACT, layout, text));
    assertEquals(
        List.of("0-2:0", "0-4:1"), hits(List.of("he", "hers"), Case.EXACT, layout, "hers"));
  }

  @ParameterizedTest
  @EnumSource(names = {"TABLE", "EDGES"})
  void reportsEveryIndexOfARepeatedPatternInOrder(Layout layout) {
    assertEquals(
        List.of("2-8:0", "2-8:2", "4-8:1"),
        hits(List.of("secret", "cret", "secret"), Case.EXACT, layout, "a secret"));
  }

  @ParameterizedTest
  @EnumSource(names = {"TABLE", "EDGES"})
  void foldsAsciiCaseOnlyWhenAsked(Layout layout) {
    List<String> patterns = List.of("AKIA", "ssh-rsa");
    assertEquals(
        List.of("4-8:0", "9-16:1"), hits(patterns, Case.IGNORE_ASCII, layout, "key akia SSH-RsA"));
    assertEquals(List.of(), hits(patterns, Case.EXACT, layout, "key akia SSH-RsA"));
    assertEquals(List.of("0-4:0"), hits(patterns, Case.EXACT, layout, "AKIA ssh-RSA"));
  }

  @ParameterizedTest
  @EnumSource(names = {"TABLE", "EDGES"})
  void foldsNothingBeyondAscii(Layout layout) {
    List<String> patterns = List.of("é1", "K");
    assertEquals(List.of("0-2:0"), hits(patterns, Case.IGNORE_ASCII, layout, "é1É1"));
    // U+212A KELVIN SIGN lower-cases to 'k' in Unicode, but is not an ASCII letter.
    assertEquals(List.of("1-2:1"), hits(patterns, Case.IGNORE_ASCII, layout, "\u212Ak"));
  }

  @ParameterizedTest
  @EnumSource(names = {"TABLE", "EDGES"})
  void matchesPatternsWithCharactersAboveLatin1Exactly(Layout layout) {
    List<String> patterns = List.of("pässwörd€", "€€", "\uD83D\uDD11key");
    String text = "x pässwörd€€ \uD83D\uDD11key \u20AD";
    assertEquals(naive(patterns, text), hits(patterns, Case.EXACT, layout, text));
    assertFalse(new PatternAutomaton(patterns, Case.EXACT).latin1Only());
  }

  @ParameterizedTest
  @EnumSource(names = {"TABLE", "EDGES"})
  void skipsNonAsciiTextBetweenAsciiPatterns(Layout layout) {
    List<String> patterns = List.of("ab", "b");
    assertEquals(List.of("3-5:0", "4-5:1"), hits(patterns, Case.EXACT, layout, "a\u00e9\u4e2dab"));
    assertEquals(List.of("2-3:1"), hits(patterns, Case.EXACT, layout, "a\u0162b"));
  }

  @Test
  void findsNothingInEmptyTextOrWithNoPatterns() {
    assertEquals(List.of(), hits(List.of("ab"), Case.EXACT, ""));
    assertEquals(List.of(), hits(List.of(), Case.EXACT, "anything"));
    assertEquals(1, new PatternAutomaton(List.of(), Case.IGNORE_ASCII).states());
  }

  @ParameterizedTest
  @EnumSource(names = {"TABLE", "EDGES"})
  void findsAPatternAtTheVeryEndAndTheVeryStart(Layout layout) {
    List<String> patterns = List.of("end", "start");
    assertEquals(List.of("0-5:1", "7-10:0"), hits(patterns, Case.EXACT, layout, "start, end"));
    assertEquals(List.of("0-3:0"), hits(patterns, Case.EXACT, layout, "end"));
  }

  @Test
  void rejectsAnEmptyPattern() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new PatternAutomaton(List.of("a", ""), Case.EXACT));
    assertEquals("patterns are not empty", e.getMessage());
  }

  @Test
  void steppingByHandAgreesWithScan() {
    List<String> patterns = List.of("ab", "bc", "abc", "c");
    PatternAutomaton automaton = new PatternAutomaton(patterns, Case.EXACT);
    String text = "xabcabc";
    List<String> stepped = new ArrayList<>();
    int row = PatternAutomaton.START;
    for (int i = 0; i < text.length(); i++) {
      row = automaton.next(row, text.charAt(i));
      if (row < 0) {
        row = -row;
        for (int p : automaton.patternsEndingAt(row)) {
          stepped.add((i + 1 - automaton.length(p)) + "-" + (i + 1) + ":" + p);
        }
      }
    }
    assertEquals(hits(automaton, text), stepped);
    assertEquals(naive(patterns, text), stepped);
  }

  @Test
  void lookingUpByLowByteOnlyAddsOccurrences() {
    PatternAutomaton automaton = new PatternAutomaton(List.of("A"), Case.EXACT);
    assertTrue(automaton.latin1Only());
    // U+0141 has low byte 0x41, 'A': read by low byte it completes "A", read exactly it does not.
    assertTrue(automaton.nextByLowByte(PatternAutomaton.START, '\u0141') < 0);
    assertTrue(automaton.next(PatternAutomaton.START, '\u0141') >= 0);
    assertTrue(automaton.nextByLowByte(PatternAutomaton.START, 'A') < 0);
  }

  @ParameterizedTest
  @EnumSource(names = {"TABLE", "EDGES"})
  void agreesWithBruteForceOnRandomTexts(Layout layout) {
    Random random = new Random(42);
    String alphabet = "abAB\u00e9\u0141";
    for (int round = 0; round < 500; round++) {
      List<String> patterns = new ArrayList<>();
      for (int p = 1 + random.nextInt(5); p > 0; p--) {
        patterns.add(randomText(random, alphabet, 1 + random.nextInt(4)));
      }
      String text = randomText(random, alphabet, random.nextInt(30));
      assertEquals(
          naive(patterns, text), hits(patterns, Case.EXACT, layout, text), patterns + " " + text);
      List<String> lower =
          patterns.stream().map(p -> p.replace('A', 'a').replace('B', 'b')).toList();
      String folded = text.replace('A', 'a').replace('B', 'b');
      assertEquals(naive(lower, folded), hits(patterns, Case.IGNORE_ASCII, layout, text));
    }
  }

  @Test
  void edgesAgreeWithTableOnLongPatternsSharingPrefixes() {
    Random random = new Random(7);
    String alphabet = "abc+/=%";
    List<String> patterns = new ArrayList<>();
    for (int p = 0; p < 40; p++) {
      patterns.add(randomText(random, alphabet, 1 + random.nextInt(60)));
    }
    StringBuilder text = new StringBuilder();
    for (int k = 0; k < 200; k++) {
      text.append(randomText(random, alphabet, random.nextInt(20)));
      text.append(patterns.get(random.nextInt(patterns.size())));
    }
    List<String> expected = naive(patterns, text.toString());
    assertFalse(expected.isEmpty());
    assertEquals(expected, hits(patterns, Case.EXACT, Layout.EDGES, text.toString()));
    assertEquals(expected, hits(patterns, Case.EXACT, Layout.TABLE, text.toString()));
  }

  @Test
  void forScanningKeepsATableForFewPatternsAndEdgesForMany() {
    PatternAutomaton small = PatternAutomaton.forScanning(List.of("ab", "bc"), Case.EXACT);
    assertTrue(small.tabulated());
    List<String> many = new ArrayList<>();
    Random random = new Random(3);
    String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    for (int p = 0; p < 40; p++) {
      many.add(randomText(random, alphabet, 1_000));
    }
    PatternAutomaton large = PatternAutomaton.forScanning(many, Case.EXACT);
    assertFalse(large.tabulated());
    assertTrue(large.transitionInts() < 5L * large.states(), "" + large.transitionInts());
    String text = "x" + many.get(17) + "y";
    assertEquals(List.of("1-1001:17"), hits(large, text));
    IllegalStateException e = assertThrows(IllegalStateException.class, large::rowWidth);
    assertTrue(e.getMessage().contains("can scan, not be stepped by hand"), e.getMessage());
  }

  private static String randomText(Random random, String alphabet, int length) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < length; i++) {
      out.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return out.toString();
  }
}
