package dev.gatehouse.shield.detect;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;

/**
 * ASCII words, each with the bits of the detectors it triggers, found ignoring case by an
 * Aho-Corasick automaton compiled to a table: feed it a text one character at a time and read, at
 * each state, the bits of every word that ends there. Characters in no word share column 0, which
 * leads back to the start.
 *
 * <p>A character is looked up by its low byte, which spares the sweep a branch: one above U+00FF
 * may then read as an ASCII character and complete a word that is not there. That only ever adds
 * candidates; every word really in the text is still found, as its characters are all ASCII.
 */
final class WordAutomaton {
  private final int[] columnOf = new int[256];
  private final int columns;

  /**
   * From {@code row + column} to the next state's row, where a state's row is {@code state *
   * columns}; negated when some word ends in that state.
   */
  private final int[] table;

  /** For each state, the bits of the words that end when it is reached. */
  private final long[] bitsEndingAt;

  WordAutomaton(Map<String, Long> bitsOfWord) {
    columns = assignColumns(bitsOfWord.keySet());
    List<int[]> trie = new ArrayList<>();
    List<Long> bits = new ArrayList<>();
    trie.add(new int[columns]);
    bits.add(0L);
    bitsOfWord.forEach(
        (word, bit) -> {
          int state = 0;
          for (char c : word.toLowerCase(Locale.ROOT).toCharArray()) {
            int column = columnOf[c];
            if (trie.get(state)[column] == 0) {
              trie.add(new int[columns]);
              bits.add(0L);
              trie.get(state)[column] = trie.size() - 1;
            }
            state = trie.get(state)[column];
          }
          bits.set(state, bits.get(state) | bit);
        });
    int[][] next = trie.toArray(new int[0][]);
    bitsEndingAt = bits.stream().mapToLong(Long::longValue).toArray();
    linkFailures(next);
    table = new int[next.length * columns];
    for (int state = 0; state < next.length; state++) {
      for (int column = 0; column < columns; column++) {
        int target = next[state][column];
        int row = target * columns;
        table[state * columns + column] = bitsEndingAt[target] != 0 ? -row : row;
      }
    }
  }

  private int assignColumns(Iterable<String> words) {
    int count = 1;
    for (String word : words) {
      for (char c : word.toLowerCase(Locale.ROOT).toCharArray()) {
        if (columnOf[c] == 0) {
          columnOf[c] = count;
          columnOf[Character.toUpperCase(c)] = count;
          count++;
        }
      }
    }
    return count;
  }

  /** Completes the transitions along failure links; each state inherits its failure's bits. */
  private void linkFailures(int[][] next) {
    int[] fail = new int[next.length];
    Queue<Integer> queue = new ArrayDeque<>();
    for (int column = 1; column < columns; column++) {
      if (next[0][column] != 0) {
        queue.add(next[0][column]);
      }
    }
    while (!queue.isEmpty()) {
      int state = queue.remove();
      bitsEndingAt[state] |= bitsEndingAt[fail[state]];
      for (int column = 1; column < columns; column++) {
        int child = next[state][column];
        if (child != 0) {
          fail[child] = next[fail[state]][column];
          queue.add(child);
        } else {
          next[state][column] = next[fail[state]][column];
        }
      }
    }
  }

  /**
   * The row of the state after reading {@code c} in the state whose row is {@code row} (the start
   * state's row is 0), negated when a word ends there: then read {@link #bitsEndingAt} with the row
   * made positive.
   */
  int next(int row, char c) {
    return table[row + columnOf[c & 0xFF]];
  }

  /** The bits of every word that ends on reaching the state of {@code row}. */
  long bitsEndingAt(int row) {
    return bitsEndingAt[row / columns];
  }
}
