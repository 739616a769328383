package dev.gatehouse.shield.detect;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * UPI virtual payment addresses ({@code name@okaxis}): the handle after {@code @} must be a known
 * payment provider's and must not continue as a domain, so {@code a@gmail.com} and {@code
 * a@paytm.com} are emails, not UPI ids.
 */
final class UpiId implements Finder {
  private static final int MAX_NAME = 64;
  private static final int MAX_HANDLE = 20;

  private static final Set<String> HANDLES =
      Set.of(
          "okaxis",
          "okhdfcbank",
          "okicici",
          "oksbi",
          "okbizaxis",
          "ybl",
          "ibl",
          "axl",
          "paytm",
          "pthdfc",
          "ptsbi",
          "ptaxis",
          "ptyes",
          "upi",
          "apl",
          "yapl",
          "rapl",
          "axisbank",
          "axisb",
          "icici",
          "sbi",
          "hdfcbank",
          "kotak",
          "yesbank",
          "idfcbank",
          "indus",
          "federal",
          "pnb",
          "barodampay",
          "aubank",
          "freecharge",
          "airtel",
          "jio",
          "fbl",
          "ikwik",
          "abfspay",
          "waaxis",
          "wahdfcbank",
          "wasbi",
          "waicici",
          "jupiteraxis",
          "slc",
          "superyes",
          "timecosmos",
          "ratn",
          "boi",
          "cnrb",
          "unionbank",
          "mahb",
          "kbl",
          "dbs",
          "citi",
          "hsbc",
          "sc");

  @Override
  public Triggers triggers() {
    return Triggers.words("@");
  }

  @Override
  public void findAll(String text, List<Match> found) {
    int from = 0;
    int at;
    while ((at = text.indexOf('@', from)) >= 0) {
      from = at + 1;
      int start = at;
      while (start > 0 && at - start <= MAX_NAME && isNameChar(text.charAt(start - 1))) {
        start--;
      }
      if (at - start < 2 || at - start > MAX_NAME || text.charAt(start) == '.') {
        continue;
      }
      int end = at + 1;
      while (end < text.length() && end - at <= MAX_HANDLE && Chars.isAlnum(text.charAt(end))) {
        end++;
      }
      if (endsHere(text, end)
          && HANDLES.contains(text.substring(at + 1, end).toLowerCase(Locale.ROOT))) {
        found.add(new Match(start, end));
        from = end;
      }
    }
  }

  /** The handle ends at {@code end}: no more name characters and no further domain label. */
  private static boolean endsHere(String text, int end) {
    if (end >= text.length()) {
      return true;
    }
    char c = text.charAt(end);
    if (Chars.isAlnum(c) || c == '_' || c == '@') {
      return false;
    }
    return !((c == '.' || c == '-') && Chars.alnumAt(text, end + 1));
  }

  private static boolean isNameChar(char c) {
    return Chars.isAlnum(c) || c == '.' || c == '_' || c == '-';
  }
}
