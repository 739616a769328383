package dev.gatehouse.shield.detect;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Queue;

/**
 * Finds ASCII words in one pass, ignoring case (Aho-Corasick compiled to a table): time is linear
 * in the text whatever the words are. Characters that occur in no word share one column.
 */
final class Keywords implements Anchors {
  private static final int[] NO_LENGTHS = new int[0];

  private final int[] columnOf = new int[128];
  private final int[][] next;
  private final int[][] lengthsEndingAt;
  private final int columns;
  private final int[] table;
  private final boolean[] startsWord = new boolean[128];

  Keywords(String... words) {
    int columns = 1;
    for (String word : words) {
      for (char c : word.toLowerCase(Locale.ROOT).toCharArray()) {
        if (c >= 128) {
          throw new IllegalArgumentException("keywords are ASCII: " + word);
        }
        if (columnOf[c] == 0) {
          columnOf[c] = columns;
          if (Chars.isLetter(c)) {
            columnOf[Character.toUpperCase(c)] = columns;
          }
          columns++;
        }
      }
    }
    List<int[]> trie = new ArrayList<>();
    List<List<Integer>> lengths = new ArrayList<>();
    trie.add(new int[columns]);
    lengths.add(new ArrayList<>());
    for (String word : words) {
      char first = word.charAt(0);
      startsWord[Character.toLowerCase(first)] = true;
      startsWord[Character.toUpperCase(first)] = true;
      int state = 0;
      for (char c : word.toLowerCase(Locale.ROOT).toCharArray()) {
        int column = columnOf[c];
        if (trie.get(state)[column] == 0) {
          trie.add(new int[columns]);
          lengths.add(new ArrayList<>());
          trie.get(state)[column] = trie.size() - 1;
        }
        state = trie.get(state)[column];
      }
      lengths.get(state).add(word.length());
    }
    next = trie.toArray(new int[0][]);
    lengthsEndingAt = new int[next.length][];
    linkFailures(columns, lengths);
    this.columns = columns;
    this.table = flatten();
  }

  /**
   * One array indexed by {@code state * columns + column}; a transition into a state where words
   * end is stored negated, so the scan tests one sign instead of loading the word lengths.
   */
  private int[] flatten() {
    int[] flat = new int[next.length * columns];
    for (int state = 0; state < next.length; state++) {
      for (int column = 0; column < columns; column++) {
        int target = next[state][column];
        flat[state * columns + column] = lengthsEndingAt[target].length > 0 ? -target : target;
      }
    }
    return flat;
  }

  /** Turns the trie into a table: every state knows where each character leads. */
  private void linkFailures(int columns, List<List<Integer>> lengths) {
    int[] fail = new int[next.length];
    Queue<Integer> queue = new ArrayDeque<>();
    for (int column = 1; column < columns; column++) {
      if (next[0][column] != 0) {
        queue.add(next[0][column]);
      }
    }
    List<Integer> order = new ArrayList<>();
    while (!queue.isEmpty()) {
      int state = queue.remove();
      order.add(state);
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
    lengthsEndingAt[0] = NO_LENGTHS;
    for (int state : order) {
      List<Integer> own = new ArrayList<>(lengths.get(state));
      for (int inherited : lengthsEndingAt[fail[state]]) {
        own.add(inherited);
      }
      lengthsEndingAt[state] =
          own.isEmpty() ? NO_LENGTHS : own.stream().mapToInt(Integer::intValue).toArray();
    }
  }

  @Override
  public int[] in(String text) {
    Positions positions = null;
    int[] table = this.table;
    int[] columnOf = this.columnOf;
    int columns = this.columns;
    int state = 0;
    boolean[] startsWord = this.startsWord;
    for (int i = 0, n = text.length(); i < n; i++) {
      char c = text.charAt(i);
      if (state == 0 && (c >= 128 || !startsWord[c])) {
        continue;
      }
      state = table[state * columns + (c < 128 ? columnOf[c] : 0)];
      if (state < 0) {
        state = -state;
        positions = positions == null ? new Positions() : positions;
        for (int length : lengthsEndingAt[state]) {
          positions.add(i + 1 - length);
        }
      }
    }
    return positions == null ? NONE : positions.sorted();
  }
}
