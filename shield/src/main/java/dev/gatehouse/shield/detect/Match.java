package dev.gatehouse.shield.detect;

/**
 * Where in a text a detector fired: the characters {@code [start, end)}.
 *
 * @param start index of the first matched character
 * @param end index one past the last matched character
 */
public record Match(int start, int end) {
  public Match {
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("bad match range [" + start + ", " + end + ")");
    }
  }
}
