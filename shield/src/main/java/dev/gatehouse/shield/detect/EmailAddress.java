package dev.gatehouse.shield.detect;

import java.util.List;

/**
 * Email addresses: a local part, {@code @}, and a domain of at least two labels ending in an
 * alphabetic top-level domain. So {@code user@localhost}, {@code pkg@1.2.3} and UPI handles like
 * {@code name@okaxis} are not emails. Work per {@code @} is bounded by the RFC length limits.
 */
final class EmailAddress implements Finder {
  private static final int MAX_LOCAL = 64;
  private static final int MAX_DOMAIN = 253;
  private static final int MAX_LABEL = 63;

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
      int start = localPartStart(text, at);
      if (start < 0) {
        continue;
      }
      int end = domainEnd(text, at + 1);
      if (end > at + 1) {
        found.add(new Match(start, end));
        from = end;
      }
    }
  }

  /** Where the local part before {@code at} begins, or -1 when there is none or it is too long. */
  private static int localPartStart(String text, int at) {
    int start = at;
    while (start > 0 && at - start <= MAX_LOCAL && isLocalChar(text.charAt(start - 1))) {
      start--;
    }
    if (at - start > MAX_LOCAL) {
      return -1;
    }
    while (start < at && text.charAt(start) == '.') {
      start++;
    }
    return start < at && text.charAt(at - 1) != '.' ? start : -1;
  }

  /** The end of a valid domain starting at {@code from}, or {@code from} when there is none. */
  private static int domainEnd(String text, int from) {
    int limit = Math.min(text.length(), from + MAX_DOMAIN);
    int end = from;
    int labelStart = from;
    int dots = 0;
    while (end < limit) {
      char c = text.charAt(end);
      if (Chars.isAlnum(c) || c == '-') {
        if (end - labelStart >= MAX_LABEL) {
          return from;
        }
        end++;
      } else if (c == '.' && isLabel(text, labelStart, end) && Chars.alnumAt(text, end + 1)) {
        labelStart = ++end;
        dots++;
      } else {
        break;
      }
    }
    boolean valid =
        dots > 0
            && isLabel(text, labelStart, end)
            && isTopLevel(text, labelStart, end)
            && !Chars.alnumAt(text, end);
    return valid ? end : from;
  }

  private static boolean isLabel(String text, int start, int end) {
    return end > start && text.charAt(start) != '-' && text.charAt(end - 1) != '-';
  }

  private static boolean isTopLevel(String text, int start, int end) {
    if (end - start >= 4 && text.regionMatches(true, start, "xn--", 0, 4)) {
      return true;
    }
    if (end - start < 2 || end - start > 24) {
      return false;
    }
    for (int i = start; i < end; i++) {
      if (!Chars.isLetter(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isLocalChar(char c) {
    return Chars.isAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
  }
}
