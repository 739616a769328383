package dev.gatehouse.shield.pin;

import java.util.ArrayList;
import java.util.List;

/** A line diff of two canonical definitions, for {@code gatehouse tools approve}. */
public final class ToolDiff {
  private ToolDiff() {}

  /**
   * Lines prefixed {@code "- "} (only in {@code before}), {@code "+ "} (only in after) or two
   * spaces.
   */
  public static List<String> lines(String before, String after) {
    String[] a = before.split("\n", -1);
    String[] b = after.split("\n", -1);
    int[][] common = new int[a.length + 1][b.length + 1];
    for (int i = a.length - 1; i >= 0; i--) {
      for (int j = b.length - 1; j >= 0; j--) {
        common[i][j] =
            a[i].equals(b[j])
                ? common[i + 1][j + 1] + 1
                : Math.max(common[i + 1][j], common[i][j + 1]);
      }
    }
    List<String> out = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < a.length && j < b.length) {
      if (a[i].equals(b[j])) {
        out.add("  " + a[i]);
        i++;
        j++;
      } else if (common[i + 1][j] >= common[i][j + 1]) {
        out.add("- " + a[i++]);
      } else {
        out.add("+ " + b[j++]);
      }
    }
    while (i < a.length) {
      out.add("- " + a[i++]);
    }
    while (j < b.length) {
      out.add("+ " + b[j++]);
    }
    return out;
  }
}
