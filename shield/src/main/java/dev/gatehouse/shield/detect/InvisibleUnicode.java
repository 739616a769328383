package dev.gatehouse.shield.detect;

import java.util.List;

/**
 * Characters that hide text from a human reader: Unicode tag characters (U+E0000..U+E007F, which
 * can smuggle ASCII), bidirectional overrides and isolates (U+202A..U+202E, U+2066..U+2069), and
 * runs of two or more zero-width characters (U+200B..U+200F, U+2060, U+FEFF). A single zero-width
 * joiner, as in emoji sequences, or a leading byte-order mark does not fire. Adjacent hidden
 * characters form one match.
 */
final class InvisibleUnicode implements Finder {
  private static final char TAG_HIGH_SURROGATE = '\uDB40';

  @Override
  public Triggers triggers() {
    return Triggers.charsFrom('\u200B');
  }

  @Override
  public void findAll(String text, List<Match> found) {
    int i = 0;
    int n = text.length();
    while (i < n) {
      if (width(text, i) == 0) {
        i++;
        continue;
      }
      int start = i;
      int zeroWidth = 0;
      boolean alwaysHidden = false;
      int w;
      while (i < n && (w = width(text, i)) > 0) {
        char c = text.charAt(i);
        if (isZeroWidth(c)) {
          zeroWidth++;
        } else {
          alwaysHidden = true;
        }
        i += w;
      }
      if (alwaysHidden || zeroWidth >= 2) {
        found.add(new Match(start, i));
      }
    }
  }

  /** How many chars the hidden character at {@code i} spans, or 0 when it is not hidden. */
  private static int width(String text, int i) {
    char c = text.charAt(i);
    if (c < '\u200B') {
      return 0;
    }
    if (c == TAG_HIGH_SURROGATE && i + 1 < text.length()) {
      char low = text.charAt(i + 1);
      return low >= '\uDC00' && low <= '\uDC7F' ? 2 : 0;
    }
    return isZeroWidth(c) || isBidiControl(c) ? 1 : 0;
  }

  private static boolean isZeroWidth(char c) {
    return (c >= '\u200B' && c <= '\u200F') || c == '\u2060' || c == '\uFEFF';
  }

  private static boolean isBidiControl(char c) {
    return (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
  }
}
