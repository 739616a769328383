package dev.gatehouse.shield.detect;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The string literals of Java source files, unescaped: the test vectors the detector tests were
 * written with, reused as inputs for properties that must hold on every one of them.
 */
final class JavaStringLiterals {
  private JavaStringLiterals() {}

  /** Every literal of every {@code .java} file under {@code directory}. */
  static List<String> under(Path directory) {
    try (Stream<Path> files = Files.walk(directory)) {
      List<String> literals = new ArrayList<>();
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        literals.addAll(in(Files.readString(file)));
      }
      return literals;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The literals of one source text, text blocks included (their lines taken as written). */
  static List<String> in(String source) {
    List<String> literals = new ArrayList<>();
    int i = 0;
    while (i < source.length()) {
      if (source.startsWith("//", i)) {
        i = lineEnd(source, i);
      } else if (source.startsWith("/*", i)) {
        i = source.indexOf("*/", i + 2) + 2;
      } else if (source.startsWith("\"\"\"", i)) {
        int end = source.indexOf("\"\"\"", i + 3);
        literals.add(source.substring(lineEnd(source, i) + 1, end));
        i = end + 3;
      } else if (source.charAt(i) == '"') {
        StringBuilder literal = new StringBuilder();
        i = unescape(source, i + 1, literal);
        int next;
        while ((next = concatenated(source, i)) > 0) {
          i = unescape(source, next, literal);
        }
        literals.add(literal.toString());
      } else if (source.charAt(i) == '\'') {
        i = source.indexOf('\'', source.charAt(i + 1) == '\\' ? i + 3 : i + 2) + 1;
      } else {
        i++;
      }
    }
    return literals;
  }

  /**
   * Where the next literal's body starts when a {@code +} joins one to the literal ending before
   * {@code i} ({@code "AKIA" + "Z7QK..."}); 0 when none does.
   */
  private static int concatenated(String source, int i) {
    int at = skipSpace(source, i);
    if (at >= source.length() || source.charAt(at) != '+') {
      return 0;
    }
    at = skipSpace(source, at + 1);
    boolean literal =
        at < source.length() && source.charAt(at) == '"' && !source.startsWith("\"\"\"", at);
    return literal ? at + 1 : 0;
  }

  private static int skipSpace(String source, int i) {
    while (i < source.length() && Character.isWhitespace(source.charAt(i))) {
      i++;
    }
    return i;
  }

  private static int lineEnd(String source, int from) {
    int end = source.indexOf('\n', from);
    return end < 0 ? source.length() : end;
  }

  /** Reads a literal's body from {@code i} into {@code out}; returns the index past its quote. */
  private static int unescape(String source, int i, StringBuilder out) {
    while (source.charAt(i) != '"') {
      char c = source.charAt(i++);
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char e = source.charAt(i++);
      switch (e) {
        case 'n' -> out.append('\n');
        case 't' -> out.append('\t');
        case 'r' -> out.append('\r');
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 's' -> out.append(' ');
        case 'u' -> {
          while (source.charAt(i) == 'u') {
            i++;
          }
          out.append((char) Integer.parseInt(source.substring(i, i + 4), 16));
          i += 4;
        }
        default -> {
          if (e >= '0' && e <= '7') {
            int end = i;
            while (end < i + 2 && source.charAt(end) >= '0' && source.charAt(end) <= '7') {
              end++;
            }
            out.append((char) Integer.parseInt(source.substring(i - 1, end), 8));
            i = end;
          } else {
            out.append(e);
          }
        }
      }
    }
    return i + 1;
  }
}
