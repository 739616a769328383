package dev.gatehouse.shield.yaml;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when one or more files fail to load; carries every problem found, sorted by place. */
public class InvalidFileException extends RuntimeException {
  private final List<Problem> problems;

  public InvalidFileException(List<Problem> problems) {
    super(render(problems));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("an invalid file has at least one problem");
    }
    this.problems = problems.stream().sorted().toList();
  }

  public List<Problem> problems() {
    return problems;
  }

  private static String render(List<Problem> problems) {
    return problems.stream().sorted().map(Problem::toString).collect(Collectors.joining("\n"));
  }
}
