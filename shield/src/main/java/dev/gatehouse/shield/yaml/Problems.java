package dev.gatehouse.shield.yaml;

import java.util.ArrayList;
import java.util.List;

/** Collects problems while a file is read, so that all of them are reported at once. */
public final class Problems {
  private final List<Problem> list = new ArrayList<>();

  public void add(Location location, String message) {
    list.add(new Problem(location, message));
  }

  public void addAll(List<Problem> problems) {
    list.addAll(problems);
  }

  public boolean isEmpty() {
    return list.isEmpty();
  }

  public List<Problem> list() {
    return List.copyOf(list);
  }

  /**
   * @throws InvalidFileException if any problem was collected
   */
  public void throwIfAny() {
    if (!list.isEmpty()) {
      throw new InvalidFileException(list);
    }
  }
}
