package dev.gatehouse.shield.detect;

import java.util.Arrays;

/**
 * A linear SQL lexer: words, quoted identifiers and punctuation, with their parenthesis depth.
 * String literals and comments are skipped (an unterminated one runs to the end of the text).
 */
final class SqlTokens {
  static final int WORD = 0;
  static final int QUOTED_NAME = 1;
  static final int OPEN = 2;
  static final int CLOSE = 3;
  static final int SEMICOLON = 4;
  static final int COMMA = 5;
  static final int DOT = 6;
  static final int OTHER = 7;
  static final int NONE = -1;

  private final String text;
  private int[] kinds = new int[16];
  private int[] starts = new int[16];
  private int[] ends = new int[16];
  private int[] depths = new int[16];
  private int size;
  private int maxDepth;

  private SqlTokens(String text) {
    this.text = text;
  }

  static SqlTokens of(String text) {
    SqlTokens tokens = new SqlTokens(text);
    tokens.lex();
    return tokens;
  }

  private void lex() {
    int depth = 0;
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '-' && i + 1 < n && text.charAt(i + 1) == '-') {
        i = skipTo(i + 2, "\n");
      } else if (c == '#') {
        i = skipTo(i + 1, "\n");
      } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
        i = skipTo(i + 2, "*/");
      } else if (c == '\'') {
        i = skipQuoted(i, '\'');
      } else if (c == '"' || c == '`' || c == '[') {
        int end = skipQuoted(i, c == '[' ? ']' : c);
        add(QUOTED_NAME, i, end, depth);
        i = end;
      } else if (Chars.isLetter(c) || c == '_') {
        int end = i + 1;
        while (end < n
            && (Chars.isAlnum(text.charAt(end))
                || text.charAt(end) == '_'
                || text.charAt(end) == '$')) {
          end++;
        }
        add(WORD, i, end, depth);
        i = end;
      } else {
        int kind = punctuation(c);
        if (kind == CLOSE) {
          depth = Math.max(0, depth - 1);
        }
        add(kind, i, i + 1, depth);
        if (kind == OPEN) {
          depth++;
        } else if (kind == SEMICOLON) {
          depth = 0;
        }
        i++;
      }
    }
  }

  private static int punctuation(char c) {
    return switch (c) {
      case '(' -> OPEN;
      case ')' -> CLOSE;
      case ';' -> SEMICOLON;
      case ',' -> COMMA;
      case '.' -> DOT;
      default -> OTHER;
    };
  }

  private int skipTo(int from, String terminator) {
    int end = text.indexOf(terminator, from);
    return end < 0 ? text.length() : end + terminator.length();
  }

  /** The index after a quoted run that starts at {@code start}; a doubled quote escapes itself. */
  private int skipQuoted(int start, char quote) {
    int i = start + 1;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\\' && quote == '\'') {
        i += 2;
      } else if (c == quote) {
        if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
          i += 2;
        } else {
          return i + 1;
        }
      } else {
        i++;
      }
    }
    return text.length();
  }

  private void add(int kind, int start, int end, int depth) {
    if (size == kinds.length) {
      kinds = Arrays.copyOf(kinds, size * 2);
      starts = Arrays.copyOf(starts, size * 2);
      ends = Arrays.copyOf(ends, size * 2);
      depths = Arrays.copyOf(depths, size * 2);
    }
    kinds[size] = kind;
    starts[size] = start;
    ends[size] = end;
    depths[size] = depth;
    maxDepth = Math.max(maxDepth, depth);
    size++;
  }

  int size() {
    return size;
  }

  int maxDepth() {
    return maxDepth;
  }

  /** The kind of token {@code k}, or {@link #NONE} past the end. */
  int kind(int k) {
    return k >= 0 && k < size ? kinds[k] : NONE;
  }

  int start(int k) {
    return starts[k];
  }

  int end(int k) {
    return Math.min(ends[k], text.length());
  }

  int depth(int k) {
    return depths[k];
  }

  boolean isWord(int k, String upperCaseWord) {
    return kind(k) == WORD
        && ends[k] - starts[k] == upperCaseWord.length()
        && text.regionMatches(true, starts[k], upperCaseWord, 0, upperCaseWord.length());
  }

  /** A table name: a word or a quoted identifier. */
  boolean isName(int k) {
    return kind(k) == WORD || kind(k) == QUOTED_NAME;
  }
}
