package dev.gatehouse.shield.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * IPv6 literals (with {@code ::}, a trailing dotted IPv4 part and an optional zone) as 8 groups.
 */
final class Ipv6 {
  private static final int GROUPS = 8;

  private Ipv6() {}

  static Optional<int[]> parse(String literal) {
    int zone = literal.indexOf('%');
    String address = zone >= 0 ? literal.substring(0, zone) : literal;
    int gap = address.indexOf("::");
    if (gap >= 0 && address.indexOf("::", gap + 1) >= 0) {
      return Optional.empty();
    }
    Optional<List<Integer>> head = groups(gap >= 0 ? address.substring(0, gap) : address);
    Optional<List<Integer>> tail =
        gap >= 0 ? groups(address.substring(gap + 2)) : Optional.of(List.of());
    if (head.isEmpty() || tail.isEmpty()) {
      return Optional.empty();
    }
    int given = head.get().size() + tail.get().size();
    if (gap < 0 ? given != GROUPS : given >= GROUPS) {
      return Optional.empty();
    }
    int[] groups = new int[GROUPS];
    for (int i = 0; i < head.get().size(); i++) {
      groups[i] = head.get().get(i);
    }
    for (int i = 0; i < tail.get().size(); i++) {
      groups[GROUPS - tail.get().size() + i] = tail.get().get(i);
    }
    return Optional.of(groups);
  }

  /** Colon-separated hex groups; the last may be a dotted IPv4 address (two groups). */
  private static Optional<List<Integer>> groups(String part) {
    List<Integer> groups = new ArrayList<>();
    if (part.isEmpty()) {
      return Optional.of(groups);
    }
    String[] pieces = part.split(":", -1);
    for (int i = 0; i < pieces.length; i++) {
      String piece = pieces[i];
      if (i == pieces.length - 1 && piece.indexOf('.') >= 0) {
        long v4 = dottedQuad(piece);
        if (v4 < 0) {
          return Optional.empty();
        }
        groups.add((int) (v4 >>> 16));
        groups.add((int) (v4 & 0xFFFF));
      } else if (piece.length() >= 1
          && piece.length() <= 4
          && piece.chars().allMatch(Ipv6::isHex)) {
        groups.add(Integer.parseInt(piece, 16));
      } else {
        return Optional.empty();
      }
    }
    return Optional.of(groups);
  }

  private static boolean isHex(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  /** Strict a.b.c.d with decimal parts 0..255, or -1. */
  private static long dottedQuad(String text) {
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      return -1;
    }
    long value = 0;
    for (String part : parts) {
      if (part.isEmpty()
          || part.length() > 3
          || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return -1;
      }
      int octet = Integer.parseInt(part);
      if (octet > 255) {
        return -1;
      }
      value = (value << 8) | octet;
    }
    return value;
  }

  /**
   * Loopback ::1, unspecified ::, unique-local fc00::/7 (AWS metadata fd00:ec2::254), link-local
   * fe80::/10, site-local fec0::/10, and IPv4-mapped, -compatible or NAT64 forms of an internal
   * IPv4 address.
   */
  static boolean isInternal(int[] g) {
    boolean zeroHead = g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0;
    long embeddedV4 = ((long) g[6] << 16) | g[7];
    if (zeroHead && g[5] == 0) {
      return g[6] == 0 || Ipv4.isInternal(embeddedV4);
    }
    if (zeroHead && g[5] == 0xFFFF) {
      return Ipv4.isInternal(embeddedV4);
    }
    if (g[0] == 0x64 && g[1] == 0xFF9B && g[2] == 0 && g[3] == 0 && g[4] == 0 && g[5] == 0) {
      return Ipv4.isInternal(embeddedV4);
    }
    return (g[0] & 0xFE00) == 0xFC00 || (g[0] & 0xFFC0) == 0xFE80 || (g[0] & 0xFFC0) == 0xFEC0;
  }
}
