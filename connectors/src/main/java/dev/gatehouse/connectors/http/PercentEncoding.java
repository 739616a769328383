package dev.gatehouse.connectors.http;

import java.nio.charset.StandardCharsets;

/**
 * RFC 3986 percent-encoding that leaves only the unreserved characters as they are, so an encoded
 * value can never add a path segment ({@code /}), a query ({@code ?}), a fragment ({@code #}) or
 * another parameter ({@code &}, {@code =}).
 */
final class PercentEncoding {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private PercentEncoding() {}

  static String encode(String value) {
    StringBuilder out = new StringBuilder(value.length() + 8);
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~') {
        out.append((char) c);
      } else {
        out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
      }
    }
    return out.toString();
  }
}
