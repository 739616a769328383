package dev.gatehouse.shield.text;

import java.util.Arrays;
import java.util.List;

/**
 * Finds every occurrence of any of a list of patterns in one pass, in time linear in the text
 * whatever the patterns are: an Aho-Corasick trie with failure links. Immutable after construction.
 *
 * <p>Callers either {@link #scan} a text and receive each occurrence (start, end and pattern
 * index), or drive the table themselves one character at a time with {@link #next} (or {@link
 * #nextByLowByte}) from {@link #START} and read, when the returned row is negative, the patterns
 * that end there with {@link #patternsEndingAt}.
 *
 * <p>The transitions are held in one of two layouts. The <em>table</em> layout, which {@link
 * #PatternAutomaton(List, Case) the constructor} always builds, compiles the failure links into a
 * table of {@code states * columns} ints, where columns is the number of distinct characters in the
 * patterns plus one: one array read per character, for the small word sets of the detectors. A
 * state is represented by its row in the table, {@code state * columns}; the start state's row is
 * {@link #START}. The table holds the next row, negated when some pattern ends in that state.
 *
 * <p>The <em>edge</em> layout keeps only the trie's edges, sorted per state, and follows failure
 * links while scanning (still linear overall): memory proportional to the total length of the
 * patterns, for large sets such as every encoded form of every vault secret, whose table would take
 * many megabytes. {@link #forScanning} picks it when the table would exceed {@link #TABLE_LIMIT}
 * entries. Only {@link #scan} works in that layout: stepping by hand needs the table.
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

  /** How the transitions are held (see the class comment). */
  enum Layout {
    TABLE,
    EDGES,
    /** The table when it takes at most {@link #TABLE_LIMIT} entries, edges otherwise. */
    SMALLER
  }

  /** The row of the start state. */
  public static final int START = 0;

  /** The most entries (ints) {@link #forScanning} lets a table take: 4 MB. */
  public static final int TABLE_LIMIT = 1 << 20;

  private static final int[] NONE = new int[0];

  private final Alphabet alphabet;

  /** The columns of characters up to U+00FF, copied from the alphabet for the hot loops. */
  private final int[] latin1Columns;

  private final int columns;
  private final int[] lengths;

  /** The table layout's transitions, or null in the edge layout. */
  private final int[] table;

  /** Edge layout: the start state's next state by column. */
  private final int[] startNext;

  /** Edge layout: the edges of state s are indexes firstEdge[s] to firstEdge[s + 1] - 1. */
  private final int[] firstEdge;

  /** Edge layout: each edge's column, ascending within a state, and the state it leads to. */
  private final int[] edgeColumn;

  private final int[] edgeTarget;

  /** Edge layout: each state's failure state. */
  private final int[] fail;

  /** For each state, the indexes of the patterns that end on reaching it, longest first. */
  private final int[][] endingAt;

  /** For characters up to U+00FF: whether reading one in the start state leaves it. */
  private final boolean[] leavesStart = new boolean[256];

  /**
   * An automaton in the table layout, for callers that step it by hand.
   *
   * @param patterns non-empty patterns; their indexes in this list are the pattern indexes
   *     reported. A pattern may be listed more than once: each index is reported.
   * @throws IllegalArgumentException when a pattern is empty, or the table would not fit an array
   */
  public PatternAutomaton(List<String> patterns, Case mode) {
    this(patterns, mode, Layout.TABLE);
  }

  /**
   * An automaton for {@link #scan} only, in whichever layout is smaller than {@link #TABLE_LIMIT}:
   * the table for small pattern sets, the edges for large ones.
   */
  public static PatternAutomaton forScanning(List<String> patterns, Case mode) {
    return new PatternAutomaton(patterns, mode, Layout.SMALLER);
  }

  PatternAutomaton(List<String> patterns, Case mode, Layout layout) {
    long characters = 0;
    for (String pattern : patterns) {
      if (pattern.isEmpty()) {
        throw new IllegalArgumentException("patterns are not empty");
      }
      characters += pattern.length();
    }
    if (characters >= Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "patterns too long for one automaton: " + characters + " characters in all");
    }
    alphabet = new Alphabet(patterns, mode);
    columns = alphabet.size();
    latin1Columns = alphabet.latin1Columns();
    lengths = patterns.stream().mapToInt(String::length).toArray();
    Trie trie = new Trie(patterns, (int) characters + 1);
    int states = trie.states;
    startNext = trie.startNext;
    firstEdge = new int[states + 1];
    edgeColumn = new int[states - 1];
    edgeTarget = new int[states - 1];
    trie.sortedEdges(firstEdge, edgeColumn, edgeTarget);
    fail = new int[states];
    endingAt = trie.own;
    int[] order = linkFailures();
    boolean asTable =
        switch (layout) {
          case TABLE -> true;
          case EDGES -> false;
          case SMALLER -> (long) states * columns <= TABLE_LIMIT;
        };
    table = asTable ? tabulate(order) : null;
    for (char c = 0; c < leavesStart.length; c++) {
      leavesStart[c] = startNext[alphabet.column(c)] != 0;
    }
  }

  /** The trie of the patterns, its edges kept as sibling lists while it grows. */
  private final class Trie {
    final int[] startNext = new int[columns];
    int[] column;
    int[] firstChild;
    int[] sibling;
    int[][] own;
    int states = 1;

    Trie(List<String> patterns, int maxStates) {
      column = new int[maxStates];
      firstChild = new int[maxStates];
      sibling = new int[maxStates];
      own = new int[maxStates][];
      for (int p = 0; p < patterns.size(); p++) {
        String pattern = patterns.get(p);
        int state = 0;
        for (int i = 0; i < pattern.length(); i++) {
          state = child(state, alphabet.column(alphabet.fold(pattern.charAt(i))));
        }
        int[] mine = own[state] == null ? NONE : own[state];
        mine = Arrays.copyOf(mine, mine.length + 1);
        mine[mine.length - 1] = p;
        own[state] = mine;
      }
      own = Arrays.copyOf(own, states);
    }

    /** The child of {@code state} by {@code col}, added when missing. */
    private int child(int state, int col) {
      if (state == 0) {
        if (startNext[col] == 0) {
          startNext[col] = add(0, col);
        }
        return startNext[col];
      }
      for (int c = firstChild[state]; c != 0; c = sibling[c]) {
        if (column[c] == col) {
          return c;
        }
      }
      return add(state, col);
    }

    private int add(int parent, int col) {
      int state = states++;
      column[state] = col;
      sibling[state] = firstChild[parent];
      firstChild[parent] = state;
      return state;
    }

    /** Fills the edge layout's arrays, each state's edges by ascending column. */
    void sortedEdges(int[] first, int[] edgeColumns, int[] targets) {
      int edge = 0;
      long[] scratch = new long[columns];
      for (int state = 0; state < states; state++) {
        first[state] = edge;
        int count = 0;
        for (int c = firstChild[state]; c != 0; c = sibling[c]) {
          scratch[count++] = (long) column[c] << 32 | c;
        }
        Arrays.sort(scratch, 0, count);
        for (int k = 0; k < count; k++) {
          edgeColumns[edge] = (int) (scratch[k] >>> 32);
          targets[edge++] = (int) scratch[k];
        }
      }
      first[states] = edge;
    }
  }

  /**
   * Sets every state's failure link breadth-first, and gives every state the patterns that end
   * there: its own, then those ending at its failure state.
   *
   * @return the states in breadth-first order
   */
  private int[] linkFailures() {
    int[] order = new int[endingAt.length];
    endingAt[0] = NONE;
    int tail = 1;
    for (int head = 0; head < tail; head++) {
      int state = order[head];
      for (int edge = firstEdge[state]; edge < firstEdge[state + 1]; edge++) {
        int child = edgeTarget[edge];
        int link = state == 0 ? 0 : step(fail[state], edgeColumn[edge]);
        fail[child] = link;
        int[] mine = endingAt[child] == null ? NONE : endingAt[child];
        int[] inherited = endingAt[link];
        if (inherited.length == 0) {
          endingAt[child] = mine;
        } else {
          int[] all = Arrays.copyOf(mine, mine.length + inherited.length);
          System.arraycopy(inherited, 0, all, mine.length, inherited.length);
          endingAt[child] = all;
        }
        order[tail++] = child;
      }
    }
    return order;
  }

  /** Edge layout: the state after reading the character of column {@code col} in {@code state}. */
  private int step(int state, int col) {
    if (col == 0) {
      return 0;
    }
    while (state != 0) {
      int edge = Arrays.binarySearch(edgeColumn, firstEdge[state], firstEdge[state + 1], col);
      if (edge >= 0) {
        return edgeTarget[edge];
      }
      state = fail[state];
    }
    return startNext[col];
  }

  /** The table layout: each state's row is its failure state's row with its own edges on top. */
  private int[] tabulate(int[] order) {
    int size;
    try {
      size = Math.multiplyExact(endingAt.length, columns);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          "patterns too large for a table: "
              + endingAt.length
              + " states × "
              + columns
              + " columns exceeds an array",
          e);
    }
    int[] flat = new int[size];
    for (int state : order) {
      int row = state * columns;
      if (state != 0) {
        System.arraycopy(flat, fail[state] * columns, flat, row, columns);
      }
      for (int edge = firstEdge[state]; edge < firstEdge[state + 1]; edge++) {
        int target = edgeTarget[edge];
        int targetRow = target * columns;
        flat[row + edgeColumn[edge]] = endingAt[target].length > 0 ? -targetRow : targetRow;
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
   * How many ints hold the transitions: the table's entries, or in the edge layout the edges,
   * failure links and start row. A measure of memory, for tests.
   */
  public long transitionInts() {
    if (table != null) {
      return table.length;
    }
    return (long) firstEdge.length
        + edgeColumn.length
        + edgeTarget.length
        + fail.length
        + startNext.length;
  }

  /** True in the table layout, the one {@link #next} and its kin need. */
  boolean tabulated() {
    return table != null;
  }

  /**
   * The row after reading {@code c} in the state of {@code row}, negated when some pattern ends
   * there: then {@link #patternsEndingAt} tells which, given the row made positive. Table layout
   * only.
   */
  public int next(int row, char c) {
    return table[row + (c < 256 ? latin1Columns[c] : alphabet.column(c))];
  }

  /**
   * As {@link #next}, but looks a character up by its low byte, which spares a branch in hot loops:
   * a character above U+00FF may then read as one below and complete a pattern that is not there.
   * That only ever adds occurrences, and only when no pattern holds a character above U+00FF; the
   * constructor of a caller relying on it must check {@link #latin1Only}. Table layout only.
   */
  public int nextByLowByte(int row, char c) {
    return table[row + latin1Columns[c & 0xFF]];
  }

  /** True when every pattern is made of characters up to U+00FF. */
  public boolean latin1Only() {
    return alphabet.latin1Only();
  }

  /**
   * The width of a row: a (positive) row divided by it is the row's state. Table layout only.
   *
   * @throws IllegalStateException in the edge layout
   */
  public int rowWidth() {
    requireTable();
    return columns;
  }

  /**
   * The row of {@code state}, from 0 to {@link #states()} - 1. Table layout only.
   *
   * @throws IllegalStateException in the edge layout
   */
  public int rowOf(int state) {
    requireTable();
    return state * columns;
  }

  /**
   * The indexes of the patterns that end on reaching the state of the (positive) {@code row}. Table
   * layout only.
   *
   * @throws IllegalStateException in the edge layout
   */
  public int[] patternsEndingAt(int row) {
    requireTable();
    return endingAt[row / columns];
  }

  private void requireTable() {
    if (table == null) {
      throw new IllegalStateException(
          "this automaton of "
              + endingAt.length
              + " states keeps edges, not a table: it can scan, not be stepped by hand");
    }
  }

  /**
   * Reports every occurrence of every pattern in {@code text}, by ascending end; occurrences with
   * the same end come longest first, and the indexes of equal patterns in ascending order.
   */
  public void scan(String text, Hits hits) {
    if (table == null) {
      scanEdges(text, hits);
      return;
    }
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
        report(row / columns, i + 1, hits);
      }
    }
  }

  private void scanEdges(String text, Hits hits) {
    int state = 0;
    for (int i = 0, n = text.length(); i < n; i++) {
      char c = text.charAt(i);
      if (c < 256) {
        if (state == 0 && !leavesStart[c]) {
          continue;
        }
        state = step(state, latin1Columns[c]);
      } else {
        state = step(state, alphabet.column(c));
      }
      if (endingAt[state].length > 0) {
        report(state, i + 1, hits);
      }
    }
  }

  /** Reports the patterns that end at {@code end} on reaching {@code state}. */
  private void report(int state, int end, Hits hits) {
    for (int pattern : endingAt[state]) {
      hits.hit(end - lengths[pattern], end, pattern);
    }
  }
}
