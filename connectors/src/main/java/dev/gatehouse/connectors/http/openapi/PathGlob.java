package dev.gatehouse.connectors.http.openapi;

import java.util.regex.Pattern;

/** Path globs for {@code include.paths}: {@code *} within one segment, {@code **} across them. */
final class PathGlob {
  private PathGlob() {}

  static boolean matches(String glob, String path) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
        regex.append(".*");
        i++;
      } else if (c == '*') {
        regex.append("[^/]*");
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.matches(regex.toString(), path);
  }
}
