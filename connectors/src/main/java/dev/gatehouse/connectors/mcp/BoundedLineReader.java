package dev.gatehouse.connectors.mcp;

import java.io.IOException;
import java.io.Reader;
import java.util.Optional;

/**
 * Reads lines of at most {@code maxChars}; a longer line is skipped whole and reported as {@link
 * Line.TooLong}, so a misbehaving child cannot make the gateway buffer without bound.
 */
final class BoundedLineReader {
  private final Reader reader;
  private final int maxChars;
  private final char[] buffer = new char[8192];
  private int position;
  private int limit;

  BoundedLineReader(Reader reader, int maxChars) {
    this.reader = reader;
    this.maxChars = maxChars;
  }

  sealed interface Line {
    record Text(String text) implements Line {}

    record TooLong(long chars) implements Line {}
  }

  /** The next line, or empty at the end of input. */
  Optional<Line> next() throws IOException {
    StringBuilder line = new StringBuilder();
    long length = 0;
    boolean overflow = false;
    while (true) {
      if (position == limit) {
        limit = reader.read(buffer, 0, buffer.length);
        position = 0;
        if (limit <= 0) {
          limit = 0;
          if (length == 0) {
            return Optional.empty();
          }
          return Optional.of(finish(line, length, overflow));
        }
      }
      int start = position;
      while (position < limit && buffer[position] != '\n') {
        position++;
      }
      int count = position - start;
      length += count;
      if (!overflow && length > maxChars) {
        overflow = true;
        line.setLength(0);
      }
      if (!overflow) {
        line.append(buffer, start, count);
      }
      if (position < limit) {
        position++; // the newline
        return Optional.of(finish(line, length, overflow));
      }
    }
  }

  private static Line finish(StringBuilder line, long length, boolean overflow) {
    if (overflow) {
      return new Line.TooLong(length);
    }
    int end = line.length();
    if (end > 0 && line.charAt(end - 1) == '\r') {
      line.setLength(end - 1);
    }
    return new Line.Text(line.toString());
  }
}
