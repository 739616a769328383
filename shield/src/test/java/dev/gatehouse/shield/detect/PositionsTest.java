package dev.gatehouse.shield.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class PositionsTest {
  private static int[] sorted(int... added) {
    Positions positions = new Positions();
    for (int position : added) {
      positions.add(position);
    }
    return positions.sorted();
  }

  @Test
  void positionsAddedInOrderComeBackAsTheyAre() {
    assertArrayEquals(
        new int[] {0, 3, 9, 12, 40, 41, 77, 80, 95}, sorted(0, 3, 9, 12, 40, 41, 77, 80, 95));
  }

  @Test
  void positionsAddedOutOfOrderOrTwiceComeBackSortedOnce() {
    assertArrayEquals(new int[] {1, 4, 7}, sorted(7, 1, 4, 7));
    assertArrayEquals(new int[] {2, 5}, sorted(2, 5, 5));
    assertArrayEquals(new int[] {}, sorted());
  }
}
