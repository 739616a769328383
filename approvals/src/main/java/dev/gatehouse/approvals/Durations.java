package dev.gatehouse.approvals;

import java.time.Duration;

/** Durations in the words people write in the config: 90s, 5m, 1h, 2d. */
public final class Durations {
  private Durations() {}

  public static String words(Duration d) {
    long seconds = d.toSeconds();
    if (seconds % 86_400 == 0 && seconds > 0) {
      return seconds / 86_400 + "d";
    }
    if (seconds % 3_600 == 0 && seconds > 0) {
      return seconds / 3_600 + "h";
    }
    if (seconds % 60 == 0 && seconds > 0) {
      return seconds / 60 + "m";
    }
    return seconds > 0 ? seconds + "s" : d.toMillis() + "ms";
  }
}
