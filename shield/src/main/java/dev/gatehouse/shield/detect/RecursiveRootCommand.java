package dev.gatehouse.shield.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code rm}, {@code chmod}, {@code chown} or {@code chgrp} run recursively on the filesystem root,
 * the home directory or a system directory ({@code rm -rf /}, {@code rm -fr /*}, {@code chmod -R
 * 777 /}), and {@code rm --no-preserve-root}. The match runs from the command to its last word.
 */
final class RecursiveRootCommand implements Finder {
  private static final Anchors COMMANDS = Anchors.keywords("rm", "chmod", "chown", "chgrp");
  private static final Set<String> COMMAND_NAMES = Set.of("rm", "chmod", "chown", "chgrp");
  private static final int MAX_WORDS = 32;
  private static final int MAX_LENGTH = 1_024;
  private static final Set<String> ROOTS =
      Set.of(
          "/", "~", "$HOME", "${HOME}", "/home", "/etc", "/usr", "/var", "/bin", "/sbin", "/boot",
          "/lib", "/lib64", "/root", "/sys", "/opt", "/srv", "/dev", "/proc");

  /** A word of the command line and where it ends. */
  private record Word(String text, int end) {}

  @Override
  public Triggers triggers() {
    return COMMANDS.triggers();
  }

  @Override
  public void findAll(String text, List<Match> found) {
    int consumed = 0;
    for (int start : COMMANDS.in(text)) {
      if (start < consumed || !startsCommand(text, start)) {
        continue;
      }
      List<Word> words = words(text, start);
      consumed = words.isEmpty() ? start : words.get(words.size() - 1).end();
      if (words.size() > 1 && COMMAND_NAMES.contains(words.get(0).text()) && isDestructive(words)) {
        found.add(new Match(start, consumed));
      }
    }
  }

  private static boolean startsCommand(String text, int start) {
    if (start == 0) {
      return true;
    }
    char before = text.charAt(start - 1);
    return Character.isWhitespace(before) || ";&|(`{$\"'/".indexOf(before) >= 0;
  }

  /** The words from {@code start} to the end of the command (a separator, newline or limit). */
  private static List<Word> words(String text, int start) {
    List<Word> words = new ArrayList<>();
    int i = start;
    int limit = Math.min(text.length(), start + MAX_LENGTH);
    while (i < limit && words.size() < MAX_WORDS) {
      char c = text.charAt(i);
      if (c == ' ' || c == '\t') {
        i++;
        continue;
      }
      if (";&|\n\r)`".indexOf(c) >= 0) {
        break;
      }
      int wordStart = i;
      while (i < limit
          && !Character.isWhitespace(text.charAt(i))
          && ";&|)`".indexOf(text.charAt(i)) < 0) {
        i++;
      }
      words.add(new Word(unquote(text.substring(wordStart, i)), i));
    }
    return words;
  }

  private static boolean isDestructive(List<Word> words) {
    boolean recursive = false;
    boolean rootTarget = false;
    for (Word word : words.subList(1, words.size())) {
      String w = word.text();
      if (w.equals("--no-preserve-root")) {
        return true;
      }
      if (w.equals("--recursive")
          || (w.startsWith("-")
              && !w.startsWith("--")
              && (w.indexOf('r') > 0 || w.indexOf('R') > 0))) {
        recursive = true;
      } else if (!w.startsWith("-")) {
        rootTarget |= ROOTS.contains(normalise(w));
      }
    }
    return recursive && rootTarget;
  }

  private static String unquote(String word) {
    if (word.length() >= 2
        && (word.charAt(0) == '"' || word.charAt(0) == '\'')
        && word.charAt(word.length() - 1) == word.charAt(0)) {
      return word.substring(1, word.length() - 1);
    }
    return word;
  }

  /** {@code /*}, {@code /.} and a trailing slash name the same directory as the bare path. */
  private static String normalise(String path) {
    String p = path;
    if (p.endsWith("/*") || p.endsWith("/.")) {
      p = p.substring(0, p.length() - 1);
    }
    while (p.length() > 1 && p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p;
  }
}
