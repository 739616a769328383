package dev.gatehouse.shield.detect;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * International bank account numbers: a country code with a known IBAN length, two check digits,
 * the account part (single spaces allowed between characters), and ISO 13616 mod 97 equal to 1.
 * Countries not in the table are not reported.
 */
final class Iban implements Finder {
  private static final Map<String, Integer> LENGTHS = new HashMap<>();

  static {
    String table =
        "AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BR29 CH21 CR22 CY28 CZ24 DE22 DK18 DO28 EE20"
            + " EG29 ES24 FI18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HR21 HU28 IE22 IL23 IQ23 IS26"
            + " IT27 JO30 KW30 KZ20 LB28 LC32 LI21 LT20 LU20 LV21 MC27 MD24 ME22 MK19 MR27 MT31 MU30"
            + " NL18 NO15 PK24 PL28 PS29 PT25 QA29 RO24 RS22 SA24 SC31 SE24 SI19 SK24 SM27 TL23 TN24"
            + " TR26 UA29 VA22 VG24 XK20";
    for (String entry : table.split(" ")) {
      LENGTHS.put(entry.substring(0, 2), Integer.parseInt(entry.substring(2)));
    }
  }

  @Override
  public Triggers triggers() {
    return Triggers.uppersBeforeDigit(2);
  }

  @Override
  public void findAll(String text, List<Match> found) {
    int last = text.length() - 4;
    for (int i = 0; i <= last; i++) {
      if (!startsCandidate(text, i)) {
        continue;
      }
      Integer length = LENGTHS.get(text.substring(i, i + 2));
      if (length == null) {
        continue;
      }
      StringBuilder compact = new StringBuilder(length);
      int end = i;
      while (end < text.length() && compact.length() < length) {
        char c = text.charAt(end);
        if (Chars.isUpper(c) || Chars.isDigit(c)) {
          compact.append(c);
          end++;
        } else if (c == ' ' && compact.length() >= 4 && isIbanChar(text, end + 1)) {
          end++;
        } else {
          break;
        }
      }
      if (compact.length() == length
          && !Chars.alnumAt(text, end)
          && CheckDigits.ibanMod97(compact.toString())) {
        found.add(new Match(i, end));
        i = end - 1;
      }
    }
  }

  private static boolean startsCandidate(String text, int i) {
    return Chars.isUpper(text.charAt(i))
        && Chars.isUpper(text.charAt(i + 1))
        && Chars.isDigit(text.charAt(i + 2))
        && Chars.isDigit(text.charAt(i + 3))
        && !Chars.alnumAt(text, i - 1);
  }

  private static boolean isIbanChar(String text, int index) {
    return index < text.length()
        && (Chars.isUpper(text.charAt(index)) || Chars.isDigit(text.charAt(index)));
  }
}
