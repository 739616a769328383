package dev.gatehouse.shield.detect;

import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Decides, without DNS, whether a URL host names this machine, a private network or a cloud
 * metadata service: localhost names, metadata names, and IPv4 or IPv6 literals in any spelling a
 * resolver accepts.
 */
final class InternalHost {
  private static final Set<String> METADATA_NAMES =
      Set.of(
          "metadata.google.internal",
          "metadata.goog",
          "metadata",
          "instance-data",
          "instance-data.ec2.internal",
          "metadata.azure.internal");

  private InternalHost() {}

  static boolean isInternal(String rawHost) {
    String host = normalise(rawHost);
    if (host.isEmpty()) {
      return false;
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      return Ipv6.parse(host.substring(1, host.length() - 1)).map(Ipv6::isInternal).orElse(false);
    }
    if (host.equals("localhost") || host.endsWith(".localhost") || METADATA_NAMES.contains(host)) {
      return true;
    }
    OptionalLong v4 = Ipv4.parse(host);
    return v4.isPresent() && Ipv4.isInternal(v4.getAsLong());
  }

  /** Lower case, percent-decoded, ideographic full stops as dots, without trailing dots. */
  private static String normalise(String rawHost) {
    StringBuilder host = new StringBuilder(rawHost.length());
    for (int i = 0; i < rawHost.length(); i++) {
      char c = rawHost.charAt(i);
      if (c == '%' && i + 2 < rawHost.length() && hexValue(rawHost, i + 1) >= 0) {
        host.append((char) hexValue(rawHost, i + 1));
        i += 2;
      } else if (c == '\u3002' || c == '\uFF0E' || c == '\uFF61') {
        host.append('.');
      } else {
        host.append(c);
      }
    }
    int end = host.length();
    while (end > 0 && host.charAt(end - 1) == '.') {
      end--;
    }
    return host.substring(0, end).toLowerCase(Locale.ROOT);
  }

  private static int hexValue(String text, int at) {
    int high = Character.digit(text.charAt(at), 16);
    int low = Character.digit(text.charAt(at + 1), 16);
    return high < 0 || low < 0 ? -1 : high * 16 + low;
  }
}
