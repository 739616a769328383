package dev.gatehouse.shield.yaml;

/** A place in a file, 1-based, as editors and compilers print it. */
public record Location(String file, int line, int column) {
  @Override
  public String toString() {
    return file + ":" + line + ":" + column;
  }
}
