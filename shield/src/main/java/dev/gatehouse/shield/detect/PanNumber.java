package dev.gatehouse.shield.detect;

import java.util.List;

/**
 * Indian Permanent Account Numbers: five letters, four digits, a letter ({@code ABCPE1234F}), where
 * the fourth letter names a holder type (P person, C company, H HUF, F firm, A AOP, T trust, B BOI,
 * L local authority, J juridical person, G government).
 */
final class PanNumber implements Finder {
  private static final int LENGTH = 10;
  private static final String HOLDER_TYPES = "ABCFGHJLPT";

  @Override
  public Triggers triggers() {
    return Triggers.uppersBeforeDigit(5);
  }

  @Override
  public void findAll(String text, List<Match> found) {
    for (int i = 0; i + LENGTH <= text.length(); i++) {
      if (isPan(text, i)) {
        found.add(new Match(i, i + LENGTH));
        i += LENGTH - 1;
      }
    }
  }

  private static boolean isPan(String text, int i) {
    if (!Chars.isUpper(text.charAt(i)) || !Chars.isDigit(text.charAt(i + 5))) {
      return false;
    }
    for (int k = 1; k < 5; k++) {
      if (!Chars.isUpper(text.charAt(i + k))) {
        return false;
      }
    }
    for (int k = 6; k < 9; k++) {
      if (!Chars.isDigit(text.charAt(i + k))) {
        return false;
      }
    }
    return Chars.isUpper(text.charAt(i + 9))
        && HOLDER_TYPES.indexOf(text.charAt(i + 3)) >= 0
        && !Chars.alnumAt(text, i - 1)
        && !Chars.alnumAt(text, i + LENGTH);
  }
}
