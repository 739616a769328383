package dev.gatehouse.shield.text;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;

/**
 * Finds every occurrence of any of a list of patterns in one pass, in time linear in the text
 * whatever the patterns are: an Aho-Corasick trie whose failure links are compiled into a table.
 * Immutable after construction.
 *
 * <p>Callers either {@link #scan} a text and receive each occurrence (start, end and pattern
 * index), or drive the table themselves one character at a time with {@link #next} (or {@link
 * #nextByLowByte}) from {@link #START} and read, when the returned row is negative, the patterns
 * that end there with {@link #patternsEndingAt}.
 *
 * <p>A state is represented by its row in the table, {@code state * columns}; the start state's row
 * is {@link #START}. The table holds the next row, negated when some pattern ends in that state.
 * The table takes {@code states * columns} ints, where columns is the number of distinct characters
 * in the patterns plus one.
 */
public final class PatternAutomaton {
  /** How pattern characters compare with text characters. */
  public enum Case {
    /** Character for character. */
    EXACT,
    /** ASCII letters match either case; every other character matches itself only. */
    IGNORE_ASCII
  }

  /** Receives the occurrences a {@link #scan} finds. */
  @FunctionalInterface
  public interface Hits {
    /** The pattern with index {@code pattern} occupies {@code [start, end)} of the text. */
    void hit(int start, int end, int pattern);
  }

  /** The row of the start state. */
  public static final int START = 0;

  private static final int[] NONE = new int[0];

  private final Alphabet alphabet;

  /** The columns of characters up to U+00FF, copied from the alphabet for the hot loops. */
  private final int[] latin1Columns;

  private final int columns;
  private final int[] lengths;
  private final int[] table;

  /** For each state, the indexes of the patterns that end on reaching it, longest first. */
  private final int[][] endingAt;

  /** For characters up to U+00FF: whether reading one in the start state leaves it. */
  private final boolean[] leavesStart = new boolean[256];

  /**
   * @param patterns non-empty patterns; their indexes in this list are the pattern indexes
   *     reported. A pattern may be listed more than once: each index is reported.
   */
  public PatternAutomaton(List<String> patterns, Case mode) {
    for (String pattern : patterns) {
      if (pattern.isEmpty()) {
        throw new IllegalArgumentException("patterns are not empty");
      }
    }
    alphabet = new Alphabet(patterns, mode);
    columns = alphabet.size();
    latin1Columns = alphabet.latin1Columns();
    lengths = patterns.stream().mapToInt(String::length).toArray();
    List<int[]> trie = new ArrayList<>();
    List<List<Integer>> own = new ArrayList<>();
    buildTrie(patterns, trie, own);
    int[][] next = trie.toArray(new int[0][]);
    endingAt = linkFailures(next, own);
    table = flatten(next);
    for (char c = 0; c < leavesStart.length; c++) {
      leavesStart[c] = next[0][alphabet.column(c)] != 0;
    }
  }

  private void buildTrie(List<String> patterns, List<int[]> trie, List<List<Integer>> own) {
    trie.add(new int[columns]);
    own.add(new ArrayList<>());
    for (int p = 0; p < patterns.size(); p++) {
      String pattern = patterns.get(p);
      int state = 0;
      for (int i = 0; i < pattern.length(); i++) {
        int column = alphabet.column(alphabet.fold(pattern.charAt(i)));
        if (trie.get(state)[column] == 0) {
          trie.add(new int[columns]);
          own.add(new ArrayList<>());
          trie.get(state)[column] = trie.size() - 1;
        }
        state = trie.get(state)[column];
      }
      own.get(state).add(p);
    }
  }

  /**
   * Completes the trie's transitions breadth-first along failure links, and gives every state the
   * patterns that end there: its own, then those ending at its failure state.
   */
  private int[][] linkFailures(int[][] next, List<List<Integer>> own) {
    int[] fail = new int[next.length];
    int[][] ending = new int[next.length][];
    ending[0] = NONE;
    Queue<Integer> queue = new ArrayDeque<>();
    for (int column = 1; column < columns; column++) {
      if (next[0][column] != 0) {
        queue.add(next[0][column]);
      }
    }
    while (!queue.isEmpty()) {
      int state = queue.remove();
      List<Integer> mine = own.get(state);
      int[] inherited = ending[fail[state]];
      int[] all = Arrays.copyOf(inherited, mine.size() + inherited.length);
      System.arraycopy(inherited, 0, all, mine.size(), inherited.length);
      for (int k = 0; k < mine.size(); k++) {
        all[k] = mine.get(k);
      }
      ending[state] = all;
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
        int row = target * columns;
        flat[state * columns + column] = endingAt[target].length > 0 ? -row : row;
      }
    }
    return flat;
  }

  /** How many states the automaton has. */
  public int states() {
    return endingAt.length;
  }

  /** The length of the pattern with index {@code pattern}. */
  public int length(int pattern) {
    return lengths[pattern];
  }

  /**
   * The row after reading {@code c} in the state of {@code row}, negated when some pattern ends
   * there: then {@link #patternsEndingAt} tells which, given the row made positive.
   */
  public int next(int row, char c) {
    return table[row + (c < 256 ? latin1Columns[c] : alphabet.column(c))];
  }

  /**
   * As {@link #next}, but looks a character up by its low byte, which spares a branch in hot loops:
   * a character above U+00FF may then read as one below and complete a pattern that is not there.
   * That only ever adds occurrences, and only when no pattern holds a character above U+00FF; the
   * constructor of a caller relying on it must check {@link #latin1Only}.
   */
  public int nextByLowByte(int row, char c) {
    return table[row + latin1Columns[c & 0xFF]];
  }

  /** True when every pattern is made of characters up to U+00FF. */
  public boolean latin1Only() {
    return alphabet.latin1Only();
  }

  /** The width of a row: a (positive) row divided by it is the row's state. */
  public int rowWidth() {
    return columns;
  }

  /** The row of {@code state}, from 0 to {@link #states()} - 1. */
  public int rowOf(int state) {
    return state * columns;
  }

  /** The indexes of the patterns that end on reaching the state of the (positive) {@code row}. */
  public int[] patternsEndingAt(int row) {
    return endingAt[row / columns];
  }

  /**
   * Reports every occurrence of every pattern in {@code text}, by ascending end; occurrences with
   * the same end come longest first, and the indexes of equal patterns in ascending order.
   */
  public void scan(String text, Hits hits) {
    int row = START;
    for (int i = 0, n = text.length(); i < n; i++) {
      char c = text.charAt(i);
      int column;
      if (c < 256) {
        if (row == START && !leavesStart[c]) {
          continue;
        }
        column = latin1Columns[c];
      } else {
        column = alphabet.column(c);
      }
      row = table[row + column];
      if (row < 0) {
        row = -row;
        report(row, i + 1, hits);
      }
    }
  }

  /** Reports the patterns that end at {@code end} on reaching the state of {@code row}. */
  private void report(int row, int end, Hits hits) {
    for (int pattern : endingAt[row / columns]) {
      hits.hit(end - lengths[pattern], end, pattern);
    }
  }
}
