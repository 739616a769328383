package dev.gatehouse.shield.detect;

/** Shannon entropy of a string, in bits per character; non-ASCII characters count as one symbol. */
final class Entropy {
  private Entropy() {}

  static double bitsPerChar(CharSequence text) {
    if (text.isEmpty()) {
      return 0;
    }
    int[] counts = new int[128];
    int other = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 128) {
        counts[c]++;
      } else {
        other++;
      }
    }
    double bits = term(other, text.length());
    for (int count : counts) {
      bits += term(count, text.length());
    }
    return bits;
  }

  private static double term(int count, int total) {
    if (count == 0) {
      return 0;
    }
    double p = (double) count / total;
    return -p * Math.log(p) / Math.log(2);
  }
}
