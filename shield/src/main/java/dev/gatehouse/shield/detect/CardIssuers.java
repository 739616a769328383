package dev.gatehouse.shield.detect;

import java.util.List;

/** Issuer identification number ranges and the card lengths each issuer uses. */
final class CardIssuers {
  /** Cards whose first {@code prefixDigits} digits lie in [low, high] and whose length fits. */
  private record Range(int prefixDigits, int low, int high, int minLength, int maxLength) {
    boolean covers(String digits) {
      if (digits.length() < minLength || digits.length() > maxLength) {
        return false;
      }
      int prefix = Integer.parseInt(digits.substring(0, prefixDigits));
      return prefix >= low && prefix <= high;
    }
  }

  private static final List<Range> RANGES =
      List.of(
          new Range(1, 4, 4, 13, 19), // Visa
          new Range(2, 51, 55, 16, 16), // Mastercard
          new Range(4, 2221, 2720, 16, 16), // Mastercard 2-series
          new Range(2, 34, 34, 15, 15), // American Express
          new Range(2, 37, 37, 15, 15),
          new Range(4, 6011, 6011, 16, 19), // Discover
          new Range(3, 644, 649, 16, 19),
          new Range(2, 65, 65, 16, 19),
          new Range(3, 300, 305, 14, 19), // Diners Club
          new Range(2, 36, 36, 14, 19),
          new Range(2, 38, 39, 14, 19),
          new Range(4, 3528, 3589, 16, 19), // JCB
          new Range(2, 62, 62, 16, 19), // UnionPay
          new Range(2, 60, 60, 16, 16), // RuPay
          new Range(2, 81, 82, 16, 16),
          new Range(3, 508, 508, 16, 16),
          new Range(2, 50, 50, 13, 19), // Maestro
          new Range(2, 56, 58, 13, 19),
          new Range(2, 63, 63, 13, 19),
          new Range(2, 67, 67, 13, 19));

  private CardIssuers() {}

  static boolean issues(String digits) {
    for (Range range : RANGES) {
      if (range.covers(digits)) {
        return true;
      }
    }
    return false;
  }
}
