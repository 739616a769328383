package dev.gatehouse.shield.detect;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Payment card numbers: 13 to 19 digits, optionally grouped by single spaces or dashes, that pass
 * Luhn and start with a known issuer prefix at a length that issuer uses. When a longer run fails,
 * its leading groups are tried ({@code 4111 1111 1111 1111 2024} still finds the card).
 */
final class CardNumber implements Finder {
  private static final Pattern RUN =
      Pattern.compile("(?<![A-Za-z0-9_.])(?<![0-9][ -])[0-9](?:[ -]?[0-9]){12,18}(?![0-9])");
  private static final int MIN_DIGITS = 13;
  private static final Anchors NUMBERS = Anchors.numbers(MIN_DIGITS);

  @Override
  public Triggers triggers() {
    return NUMBERS.triggers();
  }

  @Override
  public void findAll(String text, List<Match> found) {
    int[] starts = NUMBERS.in(text);
    if (starts.length == 0) {
      return;
    }
    Matcher run = RUN.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
    int consumed = 0;
    for (int start : starts) {
      if (start < consumed) {
        continue;
      }
      run.region(start, text.length());
      if (run.lookingAt()) {
        int end = longestCardPrefix(text, start, run.end());
        if (end > start) {
          found.add(new Match(start, end));
          consumed = end;
        }
      }
    }
  }

  /** The end of the longest card number in {@code [start, end)} cut at a group boundary. */
  private static int longestCardPrefix(String text, int start, int end) {
    for (int cut = end; cut > start; cut--) {
      if (cut == end || !Chars.isDigit(text.charAt(cut))) {
        String digits = Chars.digitsOf(text.substring(start, cut));
        if (digits.length() < MIN_DIGITS) {
          return start;
        }
        if (CardIssuers.issues(digits) && CheckDigits.luhn(digits)) {
          return cut;
        }
      }
    }
    return start;
  }
}
