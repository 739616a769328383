package dev.gatehouse.shield.detect;

import dev.gatehouse.shield.text.PatternAutomaton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * ASCII words, each with the bits of the detectors it triggers, found ignoring case by a {@link
 * PatternAutomaton}: feed it a text one character at a time and read, at each state, the bits of
 * every word that ends there.
 *
 * <p>A character is looked up by its low byte ({@link PatternAutomaton#nextByLowByte}), which
 * spares the sweep a branch: one above U+00FF may then read as an ASCII character and complete a
 * word that is not there. That only ever adds candidates; every word really in the text is still
 * found, as its characters are all ASCII.
 */
final class WordAutomaton {
  private final PatternAutomaton automaton;

  /** The automaton's row width, kept here so {@link #bitsEndingAt} is one division, no call. */
  private final int columns;

  /** For each state, the bits of the words that end when it is reached. */
  private final long[] bitsEndingAt;

  WordAutomaton(Map<String, Long> bitsOfWord) {
    List<String> words = new ArrayList<>(bitsOfWord.keySet());
    automaton = new PatternAutomaton(words, PatternAutomaton.Case.IGNORE_ASCII);
    if (!automaton.latin1Only()) {
      throw new IllegalArgumentException("trigger words are ASCII");
    }
    columns = automaton.rowWidth();
    long[] bitsOfPattern = bitsOfWord.values().stream().mapToLong(Long::longValue).toArray();
    bitsEndingAt = new long[automaton.states()];
    for (int state = 0; state < bitsEndingAt.length; state++) {
      for (int word : automaton.patternsEndingAt(automaton.rowOf(state))) {
        bitsEndingAt[state] |= bitsOfPattern[word];
      }
    }
  }

  /**
   * The row of the state after reading {@code c} in the state whose row is {@code row} (the start
   * state's row is 0), negated when a word ends there: then read {@link #bitsEndingAt} with the row
   * made positive.
   */
  int next(int row, char c) {
    return automaton.nextByLowByte(row, c);
  }

  /**
   * The automaton itself, for a sweep that steps it with {@link PatternAutomaton#nextByLowByte}
   * directly: one call level less than {@link #next} in a loop run for every character, which keeps
   * it within the JIT's inlining depth.
   */
  PatternAutomaton automaton() {
    return automaton;
  }

  /** The bits of every word that ends on reaching the state of {@code row}. */
  long bitsEndingAt(int row) {
    return bitsEndingAt[row / columns];
  }
}
