package dev.gatehouse.shield.detect;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Queue;

/**
 * Finds ASCII words in one pass, ignoring case (Aho-Corasick compiled to a table): time is linear
 * in the text whatever the words are. Characters that occur in no word share column 0, which always
 * leads back to the start.
 */
final class Keywords implements Anchors {
  private static final int[] NO_LENGTHS = new int[0];

  private final int[] columnOf = new int[128];
  private final boolean[] startsWord = new boolean[128];
  private final int columns;
  private final Triggers triggers;

  /** {@code state * columns + column} to the next state, negated when a word ends there. */
  private final int[] table;

  /** For each state, the lengths of the words that end when it is reached. */
  private final int[][] lengthsEndingAt;

  Keywords(String... words) {
    triggers = Triggers.words(words);
    columns = assignColumns(words);
    List<int[]> trie = new ArrayList<>();
    List<List<Integer>> lengths = new ArrayList<>();
    buildTrie(words, trie, lengths);
    int[][] next = trie.toArray(new int[0][]);
    lengthsEndingAt = linkFailures(next, lengths);
    table = flatten(next);
  }

  private int assignColumns(String[] words) {
    int count = 1;
    for (String word : words) {
      if (word.isEmpty()) {
        throw new IllegalArgumentException("keywords are not empty");
      }
      startsWord[Character.toLowerCase(word.charAt(0))] = true;
      startsWord[Character.toUpperCase(word.charAt(0))] = true;
      for (char c : word.toLowerCase(Locale.ROOT).toCharArray()) {
        if (c >= 128) {
          throw new IllegalArgumentException("keywords are ASCII: " + word);
        }
        if (columnOf[c] == 0) {
          columnOf[c] = count;
          columnOf[Character.toUpperCase(c)] = count;
          count++;
        }
      }
    }
    return count;
  }

  private void buildTrie(String[] words, List<int[]> trie, List<List<Integer>> lengths) {
    trie.add(new int[columns]);
    lengths.add(new ArrayList<>());
    for (String word : words) {
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
  }

  /**
   * Completes the trie's transitions breadth-first along failure links, and gives every state the
   * words that end there, including those ending at its failure state.
   */
  private int[][] linkFailures(int[][] next, List<List<Integer>> lengths) {
    int[] fail = new int[next.length];
    int[][] ending = new int[next.length][];
    ending[0] = NO_LENGTHS;
    Queue<Integer> queue = new ArrayDeque<>();
    for (int column = 1; column < columns; column++) {
      if (next[0][column] != 0) {
        queue.add(next[0][column]);
      }
    }
    while (!queue.isEmpty()) {
      int state = queue.remove();
      List<Integer> own = new ArrayList<>(lengths.get(state));
      for (int inherited : ending[fail[state]]) {
        own.add(inherited);
      }
      ending[state] = own.stream().mapToInt(Integer::intValue).toArray();
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
    return ending;
  }

  private int[] flatten(int[][] next) {
    int[] flat = new int[next.length * columns];
    for (int state = 0; state < next.length; state++) {
      for (int column = 0; column < columns; column++) {
        int target = next[state][column];
        flat[state * columns + column] = lengthsEndingAt[target].length > 0 ? -target : target;
      }
    }
    return flat;
  }

  @Override
  public Triggers triggers() {
    return triggers;
  }

  @Override
  public int[] in(String text) {
    Positions positions = null;
    int state = 0;
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
