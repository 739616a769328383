package dev.gatehouse.shield.detect;

import java.util.Arrays;
import java.util.List;

/**
 * Destructive SQL: {@code DROP TABLE|DATABASE|SCHEMA}, {@code TRUNCATE}, and {@code DELETE FROM} or
 * {@code UPDATE ... SET} with no {@code WHERE} at the same nesting level of the same statement.
 * Keywords are matched case-insensitively on tokens from {@link SqlTokens}, so words inside string
 * literals, quoted identifiers and comments do not count. The match runs from the keyword to the
 * end of its statement.
 */
final class SqlStatements implements Finder {
  private static final Anchors VERBS = Anchors.keywords("drop", "truncate", "delete", "update");

  @Override
  public Triggers triggers() {
    return VERBS.triggers();
  }

  @Override
  public void findAll(String text, List<Match> found) {
    if (VERBS.in(text).length == 0) {
      return;
    }
    SqlTokens tokens = SqlTokens.of(text);
    boolean[] whereFollows = whereFollowsAtSameLevel(tokens);
    int i = 0;
    while (i < tokens.size()) {
      int statementEnd = statementEnd(tokens, i);
      for (int k = i; k < statementEnd; k++) {
        if (isDestructive(tokens, k, statementEnd, whereFollows)) {
          found.add(new Match(tokens.start(k), trimmedEnd(text, tokens, statementEnd)));
          break;
        }
      }
      i = statementEnd + 1;
    }
  }

  /** Where the statement before token {@code statementEnd} (a semicolon or the end) stops. */
  private static int trimmedEnd(String text, SqlTokens tokens, int statementEnd) {
    int end = statementEnd < tokens.size() ? tokens.start(statementEnd) : text.length();
    while (end > 0 && Character.isWhitespace(text.charAt(end - 1))) {
      end--;
    }
    return end;
  }

  private static int statementEnd(SqlTokens tokens, int from) {
    int k = from;
    while (k < tokens.size() && tokens.kind(k) != SqlTokens.SEMICOLON) {
      k++;
    }
    return k;
  }

  private static boolean isDestructive(SqlTokens t, int k, int end, boolean[] whereFollows) {
    if (t.isWord(k, "DROP")) {
      return t.isWord(k + 1, "TABLE") || t.isWord(k + 1, "DATABASE") || t.isWord(k + 1, "SCHEMA");
    }
    if (t.isWord(k, "TRUNCATE")) {
      return truncates(t, k + 1, end);
    }
    if (t.isWord(k, "DELETE") && t.isWord(k + 1, "FROM") && t.isName(k + 2)) {
      return !whereFollows[k];
    }
    if (t.isWord(k, "UPDATE") && t.isName(k + 1)) {
      int set = afterQualifiedName(t, k + 1);
      return t.isWord(set, "SET") && !whereFollows[k];
    }
    return false;
  }

  /** {@code TRUNCATE TABLE x}, or {@code TRUNCATE x} ending its statement or a table list. */
  private static boolean truncates(SqlTokens t, int k, int end) {
    if (t.isWord(k, "TABLE")) {
      return t.isName(k + 1);
    }
    if (!t.isName(k)) {
      return false;
    }
    int after = afterQualifiedName(t, k);
    return after >= end
        || t.kind(after) == SqlTokens.COMMA
        || t.isWord(after, "CASCADE")
        || t.isWord(after, "RESTRICT")
        || t.isWord(after, "RESTART")
        || t.isWord(after, "CONTINUE");
  }

  private static int afterQualifiedName(SqlTokens t, int k) {
    int i = k + 1;
    while (t.kind(i) == SqlTokens.DOT && t.isName(i + 1)) {
      i += 2;
    }
    return i;
  }

  /**
   * For each token, whether a {@code WHERE} follows it in the same statement at the same
   * parenthesis level, without leaving that level; one backward pass.
   */
  private static boolean[] whereFollowsAtSameLevel(SqlTokens t) {
    boolean[] follows = new boolean[t.size()];
    boolean[] seen = new boolean[t.maxDepth() + 2];
    for (int k = t.size() - 1; k >= 0; k--) {
      int depth = t.depth(k);
      switch (t.kind(k)) {
        case SqlTokens.SEMICOLON -> Arrays.fill(seen, false);
        case SqlTokens.CLOSE -> seen[depth + 1] = false;
        default -> {}
      }
      follows[k] = seen[depth];
      if (t.isWord(k, "WHERE")) {
        seen[depth] = true;
      }
    }
    return follows;
  }
}
