package dev.gatehouse.shield.detect;

import java.util.Arrays;

/** A growable list of text positions, sorted and de-duplicated on demand. */
final class Positions {
  private int[] values = new int[8];
  private int size;
  private boolean ascending = true;

  void add(int position) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    ascending &= size == 0 || values[size - 1] < position;
    values[size++] = position;
  }

  /** The positions added, ascending and without repeats. */
  int[] sorted() {
    int[] result = Arrays.copyOf(values, size);
    if (ascending) {
      return result;
    }
    Arrays.sort(result);
    int distinct = 0;
    for (int i = 0; i < result.length; i++) {
      if (i == 0 || result[i] != result[i - 1]) {
        result[distinct++] = result[i];
      }
    }
    return distinct == result.length ? result : Arrays.copyOf(result, distinct);
  }
}
