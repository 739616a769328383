package dev.gatehouse.shield.detect;

import java.util.OptionalLong;

/**
 * IPv4 addresses the way {@code inet_aton} reads them, since that is how URL hosts reach sockets:
 * one to four parts, each decimal, octal (leading 0) or hex (0x), the last filling the remaining
 * bytes. So {@code 2130706433}, {@code 0x7f000001}, {@code 0177.0.0.1} and {@code 127.1} are all
 * 127.0.0.1.
 */
final class Ipv4 {
  private static final long MAX = 0xFFFF_FFFFL;

  private Ipv4() {}

  /** The address as an unsigned 32-bit value, or empty when {@code host} is not an IPv4 literal. */
  static OptionalLong parse(String host) {
    String[] parts = host.split("\\.", -1);
    if (parts.length > 4) {
      return OptionalLong.empty();
    }
    long address = 0;
    for (int i = 0; i < parts.length; i++) {
      long value = part(parts[i]);
      boolean last = i == parts.length - 1;
      long limit = last ? MAX >>> (8 * i) : 255;
      if (value < 0 || value > limit) {
        return OptionalLong.empty();
      }
      address = last ? (address << (8 * (4 - i))) | value : (address << 8) | value;
    }
    return OptionalLong.of(address & MAX);
  }

  /** One part's value, or -1 when it is not a number in one of the three bases. */
  private static long part(String part) {
    if (part.isEmpty()) {
      return -1;
    }
    int radix = 10;
    int from = 0;
    if (part.length() > 1 && part.charAt(0) == '0') {
      boolean hex = part.charAt(1) == 'x' || part.charAt(1) == 'X';
      radix = hex ? 16 : 8;
      from = hex ? 2 : 1;
    }
    long value = 0;
    for (int i = from; i < part.length(); i++) {
      int digit = Character.digit(part.charAt(i), radix);
      if (digit < 0 || part.charAt(i) > 127) {
        return -1;
      }
      value = value * radix + digit;
      if (value > MAX) {
        return -1;
      }
    }
    return value;
  }

  /** Loopback, private (RFC 1918), link-local, carrier-grade NAT or the unspecified network. */
  static boolean isInternal(long address) {
    return inNetwork(address, 0x7F00_0000L, 8) // 127.0.0.0/8 loopback
        || inNetwork(address, 0x0A00_0000L, 8) // 10.0.0.0/8
        || inNetwork(address, 0xAC10_0000L, 12) // 172.16.0.0/12
        || inNetwork(address, 0xC0A8_0000L, 16) // 192.168.0.0/16
        || inNetwork(address, 0xA9FE_0000L, 16) // 169.254.0.0/16 link-local, cloud metadata
        || inNetwork(address, 0x6440_0000L, 10) // 100.64.0.0/10 carrier-grade NAT
        || inNetwork(address, 0x0000_0000L, 8); // 0.0.0.0/8 "this network"
  }

  private static boolean inNetwork(long address, long network, int prefixLength) {
    long mask = (MAX << (32 - prefixLength)) & MAX;
    return (address & mask) == network;
  }
}
