package dev.gatehouse.shield.text;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The columns of an automaton's table: each character that occurs in a pattern gets one, and every
 * other character shares column 0. Characters up to U+00FF are looked up in an array, the rest
 * (only ever from patterns above U+00FF) in a map.
 */
final class Alphabet {
  private final PatternAutomaton.Case mode;
  private final int[] latin1 = new int[256];
  private final Map<Character, Integer> high = new HashMap<>();
  private int size = 1;

  Alphabet(List<String> patterns, PatternAutomaton.Case mode) {
    this.mode = mode;
    for (String pattern : patterns) {
      for (int i = 0; i < pattern.length(); i++) {
        add(fold(pattern.charAt(i)));
      }
    }
  }

  private void add(char c) {
    if (column(c) != 0) {
      return;
    }
    if (c >= latin1.length) {
      high.put(c, size++);
      return;
    }
    latin1[c] = size;
    if (mode == PatternAutomaton.Case.IGNORE_ASCII && c >= 'a' && c <= 'z') {
      latin1[c - 'a' + 'A'] = size;
    }
    size++;
  }

  /** The character a pattern holds as it is stored in the trie. */
  char fold(char c) {
    return mode == PatternAutomaton.Case.IGNORE_ASCII && c >= 'A' && c <= 'Z'
        ? (char) (c - 'A' + 'a')
        : c;
  }

  /** How many columns there are, column 0 (characters in no pattern) included. */
  int size() {
    return size;
  }

  int column(char c) {
    if (c < latin1.length) {
      return latin1[c];
    }
    return high.isEmpty() ? 0 : high.getOrDefault(c, 0);
  }

  /** The columns of the characters U+0000 to U+00FF, indexed by character. */
  int[] latin1Columns() {
    return latin1.clone();
  }

  /** True when no pattern holds a character above U+00FF. */
  boolean latin1Only() {
    return high.isEmpty();
  }
}
