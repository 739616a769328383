package dev.gatehouse.shield.detect;

import dev.gatehouse.shield.text.PatternAutomaton;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which of a set of detectors may fire in a text, found in one pass over it: every detector's
 * trigger words in one case-insensitive {@link WordAutomaton}, and its character-class triggers
 * (digit runs, capitals before a digit, high code units) in the same sweep. Detectors whose
 * triggers do not hold in a text need not run on it.
 *
 * <p>Each detector is a bit of a {@code long}; the top bit stands for every detector the prefilter
 * was not built with, and is set in every answer, so such detectors always run.
 */
final class Prefilter {
  /** The bit of detectors this prefilter does not know, and of those beyond its capacity. */
  static final long UNKNOWN = 1L << 63;

  private static final int CAPACITY = 63;

  private final Map<Detector, Long> bitOf = new IdentityHashMap<>();
  private final WordAutomaton words;
  private final PatternAutomaton wordTable;
  private final long always;
  private final Threshold[] digits;
  private final Threshold[] uppersBeforeDigit;
  private final Threshold[] chars;

  /** The number a text must reach for a detector's bit to be set. */
  private record Threshold(int min, long bit) {}

  Prefilter(List<Detector> detectors) {
    Map<String, Long> wordBits = new LinkedHashMap<>();
    List<Threshold> digitList = new ArrayList<>();
    List<Threshold> upperList = new ArrayList<>();
    List<Threshold> charList = new ArrayList<>();
    long alwaysBits = UNKNOWN;
    for (Detector detector : detectors) {
      if (bitOf.size() == CAPACITY || bitOf.containsKey(detector)) {
        continue;
      }
      long bit = 1L << bitOf.size();
      bitOf.put(detector, bit);
      Triggers triggers = detector.triggers();
      if (triggers.always()) {
        alwaysBits |= bit;
        continue;
      }
      for (String word : triggers.words()) {
        wordBits.merge(word, bit, (a, b) -> a | b);
      }
      addThreshold(digitList, triggers.minDigits(), bit);
      addThreshold(upperList, triggers.minUppersBeforeDigit(), bit);
      addThreshold(charList, triggers.minChar(), bit);
    }
    always = alwaysBits;
    words = new WordAutomaton(wordBits);
    wordTable = words.automaton();
    digits = digitList.toArray(Threshold[]::new);
    uppersBeforeDigit = upperList.toArray(Threshold[]::new);
    chars = charList.toArray(Threshold[]::new);
  }

  /** Keeps only thresholds a text can reach, so the check after each sweep stays short. */
  private static void addThreshold(List<Threshold> thresholds, int min, long bit) {
    if (min <= Character.MAX_VALUE) {
      thresholds.add(new Threshold(min, bit));
    }
  }

  /** The bit standing for {@code detector} in {@link #candidates}' answers. */
  long bitOf(Detector detector) {
    return bitOf.getOrDefault(detector, UNKNOWN);
  }

  /** The bits of the detectors that may fire in {@code text}. */
  long candidates(String text) {
    char[] chars = new char[text.length()];
    text.getChars(0, chars.length, chars, 0);
    return candidates(chars, chars.length);
  }

  /**
   * The bits of the detectors that may fire in the text {@code text[0, length)}. Reading a char
   * array is markedly faster than {@link String#charAt} in this loop, so callers scanning many
   * strings copy each into one reused buffer. The highest character is bounded by the OR of all of
   * them, which is at least as high and cheaper to keep: a character trigger may then hold where no
   * character reaches it, never the other way round.
   */
  long candidates(char[] text, int length) {
    long found = always;
    int row = 0;
    int number = 0;
    int longestNumber = 0;
    boolean afterDigit = false;
    boolean afterSeparator = false;
    int uppers = 0;
    int mostUppersBeforeDigit = 0;
    int highBits = 0;
    for (int i = 0; i < length; i++) {
      char c = text[i];
      row = wordTable.nextByLowByte(row, c);
      if (row < 0) {
        row = -row;
        found |= words.bitsEndingAt(row);
      }
      highBits |= c;
      if (c >= '0' && c <= '9') {
        number = afterDigit || afterSeparator ? number + 1 : 1;
        longestNumber = Math.max(longestNumber, number);
        mostUppersBeforeDigit = Math.max(mostUppersBeforeDigit, uppers);
        uppers = 0;
        afterDigit = true;
        afterSeparator = false;
      } else {
        afterSeparator = afterDigit && (c == ' ' || c == '-');
        afterDigit = false;
        uppers = c >= 'A' && c <= 'Z' ? uppers + 1 : 0;
      }
    }
    return found
        | reached(digits, longestNumber)
        | reached(uppersBeforeDigit, mostUppersBeforeDigit)
        | reached(chars, highBits);
  }

  private static long reached(Threshold[] thresholds, int value) {
    long bits = 0;
    for (Threshold threshold : thresholds) {
      if (value >= threshold.min()) {
        bits |= threshold.bit();
      }
    }
    return bits;
  }
}
