package dev.gatehouse.shield.yaml;

/** One thing wrong with a config or policy file, printed as {@code file:line:column: message}. */
public record Problem(Location location, String message) implements Comparable<Problem> {
  @Override
  public String toString() {
    return location + ": " + message;
  }

  @Override
  public int compareTo(Problem other) {
    int byFile = location.file().compareTo(other.location.file());
    if (byFile != 0) {
      return byFile;
    }
    int byLine = Integer.compare(location.line(), other.location.line());
    return byLine != 0 ? byLine : Integer.compare(location.column(), other.location.column());
  }
}
