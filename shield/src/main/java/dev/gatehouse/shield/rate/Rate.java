package dev.gatehouse.shield.rate;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** So many calls per period, as written in policy: {@code 30/minute}, {@code 5/second}. */
public record Rate(int calls, Duration period, String text) {
  private static final Pattern FORM =
      Pattern.compile("(\\d{1,9})\\s*/\\s*(second|minute|hour|day)");

  public static Optional<Rate> parse(String text) {
    Matcher m = FORM.matcher(text.trim());
    if (!m.matches() || Integer.parseInt(m.group(1)) == 0) {
      return Optional.empty();
    }
    Duration period =
        switch (m.group(2)) {
          case "second" -> Duration.ofSeconds(1);
          case "minute" -> Duration.ofMinutes(1);
          case "hour" -> Duration.ofHours(1);
          default -> Duration.ofDays(1);
        };
    return Optional.of(new Rate(Integer.parseInt(m.group(1)), period, text.trim()));
  }

  /** How long one call's token takes to come back. */
  public Duration refillEvery() {
    return period.dividedBy(calls);
  }
}
