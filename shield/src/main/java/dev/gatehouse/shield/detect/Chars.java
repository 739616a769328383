package dev.gatehouse.shield.detect;

/** ASCII character classes the scanners share. */
final class Chars {
  private Chars() {}

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isUpper(char c) {
    return c >= 'A' && c <= 'Z';
  }

  static boolean isLetter(char c) {
    return (c >= 'a' && c <= 'z') || isUpper(c);
  }

  static boolean isAlnum(char c) {
    return isLetter(c) || isDigit(c);
  }

  /** True when the character at {@code index} exists and is an ASCII letter or digit. */
  static boolean alnumAt(String text, int index) {
    return index >= 0 && index < text.length() && isAlnum(text.charAt(index));
  }

  static boolean digitAt(String text, int index) {
    return index >= 0 && index < text.length() && isDigit(text.charAt(index));
  }

  /** The ASCII digits of {@code text}, in order, without separators. */
  static String digitsOf(String text) {
    StringBuilder digits = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      if (isDigit(text.charAt(i))) {
        digits.append(text.charAt(i));
      }
    }
    return digits.toString();
  }
}
