package dev.gatehouse.shield.detect;

import java.util.List;

/**
 * PEM private keys: from {@code -----BEGIN ... PRIVATE KEY-----} to the matching END line, or to
 * the end of the base64 body when the block is cut short. Public keys and certificates are left.
 */
final class PrivateKeyBlock implements Finder {
  private static final String BEGIN = "-----BEGIN ";
  private static final String END = "-----END ";
  private static final String DASHES = "-----";
  private static final int MAX_LABEL = 60;

  @Override
  public Triggers triggers() {
    return Triggers.words(BEGIN);
  }

  @Override
  public void findAll(String text, List<Match> found) {
    int from = 0;
    int nextEnd = -2;
    int begin;
    while ((begin = text.indexOf(BEGIN, from)) >= 0) {
      int labelStart = begin + BEGIN.length();
      int labelEnd = text.indexOf(DASHES, labelStart);
      if (labelEnd < 0) {
        return;
      }
      String label = text.substring(labelStart, Math.min(labelEnd, labelStart + MAX_LABEL + 1));
      if (labelEnd - labelStart > MAX_LABEL || !isPrivateKeyLabel(label)) {
        from = labelStart;
        continue;
      }
      int bodyStart = labelEnd + DASHES.length();
      if (nextEnd != -1 && nextEnd < bodyStart) {
        nextEnd = text.indexOf(END, bodyStart);
      }
      int end = nextEnd >= 0 ? endOfEndLine(text, nextEnd) : endOfBody(text, bodyStart);
      found.add(new Match(begin, end));
      from = end;
    }
  }

  private static boolean isPrivateKeyLabel(String label) {
    return label.endsWith("PRIVATE KEY") || label.endsWith("PRIVATE KEY BLOCK");
  }

  private static int endOfEndLine(String text, int endLine) {
    int labelStart = endLine + END.length();
    int close = text.indexOf(DASHES, labelStart);
    return close >= 0 && close - labelStart <= MAX_LABEL ? close + DASHES.length() : labelStart;
  }

  private static int endOfBody(String text, int bodyStart) {
    int end = bodyStart;
    while (end < text.length() && isBodyChar(text.charAt(end))) {
      end++;
    }
    return end;
  }

  private static boolean isBodyChar(char c) {
    return Chars.isAlnum(c) || c == '+' || c == '/' || c == '=' || c == ':' || c == ',' || c <= ' ';
  }
}
