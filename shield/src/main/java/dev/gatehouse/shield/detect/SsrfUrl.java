package dev.gatehouse.shield.detect;

import java.util.List;

/**
 * URLs ({@code scheme://authority...}) whose host is internal per {@link InternalHost}. The host is
 * read the way URL parsers do: after the last {@code @} of the authority, which ends at {@code /},
 * {@code ?}, {@code #} or {@code \}. The match is the whole URL.
 */
final class SsrfUrl implements Finder {
  private static final String SEPARATOR = "://";
  private static final int MAX_SCHEME = 32;

  @Override
  public Triggers triggers() {
    return Triggers.words(SEPARATOR);
  }

  @Override
  public void findAll(String text, List<Match> found) {
    int from = 0;
    int separator;
    while ((separator = text.indexOf(SEPARATOR, from)) >= 0) {
      int authorityStart = separator + SEPARATOR.length();
      int authorityEnd = authorityStart;
      while (authorityEnd < text.length() && !endsAuthority(text.charAt(authorityEnd))) {
        authorityEnd++;
      }
      from = authorityEnd;
      int schemeStart = schemeStart(text, separator);
      if (schemeStart < separator
          && InternalHost.isInternal(host(text.substring(authorityStart, authorityEnd)))) {
        int end = urlEnd(text, authorityEnd);
        found.add(new Match(schemeStart, end));
        from = end;
      }
    }
  }

  private static int schemeStart(String text, int separator) {
    int start = separator;
    while (start > 0 && separator - start < MAX_SCHEME && isSchemeChar(text.charAt(start - 1))) {
      start--;
    }
    while (start < separator && !Chars.isLetter(text.charAt(start))) {
      start++;
    }
    return start;
  }

  private static boolean isSchemeChar(char c) {
    return Chars.isAlnum(c) || c == '+' || c == '-' || c == '.';
  }

  private static String host(String authority) {
    String hostAndPort = authority.substring(authority.lastIndexOf('@') + 1);
    if (hostAndPort.startsWith("[")) {
      int close = hostAndPort.indexOf(']');
      return close > 0 ? hostAndPort.substring(0, close + 1) : hostAndPort;
    }
    int colon = hostAndPort.indexOf(':');
    return colon >= 0 ? hostAndPort.substring(0, colon) : hostAndPort;
  }

  private static boolean endsAuthority(char c) {
    return c == '/' || c == '?' || c == '#' || c == '\\' || endsUrl(c);
  }

  private static int urlEnd(String text, int from) {
    int end = from;
    while (end < text.length() && !endsUrl(text.charAt(end))) {
      end++;
    }
    return end;
  }

  private static boolean endsUrl(char c) {
    return Character.isWhitespace(c) || "\"'<>`,;|{}^".indexOf(c) >= 0;
  }
}
