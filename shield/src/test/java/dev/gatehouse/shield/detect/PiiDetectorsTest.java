package dev.gatehouse.shield.detect;

import static dev.gatehouse.shield.detect.Detected.assertFinds;
import static dev.gatehouse.shield.detect.Detected.assertSilent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PiiDetectorsTest {
  static Stream<Arguments> personalData() {
    return Stream.of(
        arguments("email", "mail ada@example.com.", "ada@example.com"),
        arguments(
            "email", "cc: first.last+tag@mail.example.co.uk,", "first.last+tag@mail.example.co.uk"),
        arguments("email", "<Ada.Lovelace@Example.ORG>", "Ada.Lovelace@Example.ORG"),
        arguments("phone", "call +14155552671 today", "+14155552671"),
        arguments("phone", "mobile: +91 98765 43210", "+91 98765 43210"),
        arguments("phone", "(+44-20-7946-0958)", "+44-20-7946-0958"),
        arguments("us-ssn", "SSN 536-22-1234.", "536-22-1234"),
        arguments("us-ssn", "ssn: 536 22 1234", "536 22 1234"),
        arguments("credit-card", "card 4111 1111 1111 1111 exp", "4111 1111 1111 1111"),
        arguments("credit-card", "5555-5555-5555-4444", "5555-5555-5555-4444"),
        arguments("credit-card", "amex 378282246310005", "378282246310005"),
        arguments("credit-card", "6011111111111117;", "6011111111111117"),
        arguments("credit-card", "jcb 3530111333300000", "3530111333300000"),
        arguments("credit-card", "4111 1111 1111 1111 2024", "4111 1111 1111 1111"),
        arguments("iban", "IBAN DE89 3704 0044 0532 0130 00.", "DE89 3704 0044 0532 0130 00"),
        arguments("iban", "GB82WEST12345698765432", "GB82WEST12345698765432"),
        arguments("iban", "to FR1420041010050500013M02606 now", "FR1420041010050500013M02606"),
        arguments("iban", "NL91 ABNA 0417 1643 00 EUR", "NL91 ABNA 0417 1643 00"),
        arguments("aadhaar", "aadhaar 2345 6789 0124", "2345 6789 0124"),
        arguments("aadhaar", "uid=987654321012", "987654321012"),
        arguments("aadhaar", "4918-3726-3548", "4918-3726-3548"),
        arguments("pan", "PAN: ABCPE1234F", "ABCPE1234F"),
        arguments("pan", "AAACZ9999K,", "AAACZ9999K"),
        arguments("upi-id", "pay ramesh.kumar@okaxis now", "ramesh.kumar@okaxis"),
        arguments("upi-id", "9876543210@ybl.", "9876543210@ybl"),
        arguments("upi-id", "shop-1@Paytm", "shop-1@Paytm"));
  }

  @ParameterizedTest(name = "{0}: {2}")
  @MethodSource("personalData")
  void findsTheValueExactly(String detector, String text, String value) {
    assertFinds(detector, text, value);
  }

  static Stream<Arguments> lookAlikes() {
    return Stream.of(
        arguments("email", "npm i @scope/pkg@1.2.3"),
        arguments("email", "npm i @types/node@20.11.5"),
        arguments("email", "ssh user@localhost"),
        arguments("email", "ramesh@okaxis"),
        arguments("email", "ping @someone on chat"),
        arguments("email", "a@b"),
        arguments("email", "x@host.c0m"),
        arguments("phone", "+1234567 is too short"),
        arguments("phone", "+1234567890123456 is too long"),
        arguments("phone", "1+23456789"),
        arguments("phone", "+0123456789"),
        arguments("phone", "build 1.2.3+20240101"),
        arguments("us-ssn", "000-12-3456"),
        arguments("us-ssn", "666-12-3456"),
        arguments("us-ssn", "912-34-5678"),
        arguments("us-ssn", "123-00-4567"),
        arguments("us-ssn", "123-45-0000"),
        arguments("us-ssn", "536-22 1234"),
        arguments("us-ssn", "on 2024-01-15"),
        arguments("us-ssn", "call 555-123-4567"),
        arguments("us-ssn", "part 536-22-1234-7"),
        arguments("us-ssn", "v1.536-22-1234"),
        arguments("credit-card", "order 1234567812345678"),
        arguments("credit-card", "4111111111111112"),
        arguments("credit-card", "1234567812345670 passes Luhn but no issuer"),
        arguments("credit-card", "9999999999999995"),
        arguments("credit-card", "pi 3.4111111111111111"),
        arguments("credit-card", "id 41111111111111111111111"),
        arguments("credit-card", "SKU4111111111111111"),
        arguments("iban", "DE89 3704 0044 0532 0130 01"),
        arguments("iban", "XX89370400440532013000"),
        arguments("iban", "DE8937040044053201300"),
        arguments("iban", "ADE89370400440532013000"),
        arguments("aadhaar", "2345 6789 0125"),
        arguments("aadhaar", "1234 5678 9012"),
        arguments("aadhaar", "2345 6789-0124"),
        arguments("aadhaar", "4111 2345 6789 0124"),
        arguments("pan", "ABCDE1234F"),
        arguments("pan", "ABCPE1234"),
        arguments("pan", "XABCPE1234F"),
        arguments("pan", "abcpe1234f"),
        arguments("upi-id", "a@gmail.com"),
        arguments("upi-id", "x@paytm.com"),
        arguments("upi-id", "name@okaxisbank"),
        arguments("upi-id", "@ybl"),
        arguments("upi-id", "a@ybl-corp.in"));
  }

  @ParameterizedTest(name = "{0} ignores: {1}")
  @MethodSource("lookAlikes")
  void ignoresLookAlikes(String detector, String text) {
    assertSilent(detector, text);
  }

  @Test
  void anEmailIsNotAUpiIdAndAUpiIdIsNotAnEmail() {
    String text = "write to ada@gmail.com or pay ada@oksbi";
    assertEquals(List.of("ada@gmail.com"), Detected.matched("email", text));
    assertEquals(List.of("ada@oksbi"), Detected.matched("upi-id", text));
  }

  @Test
  void findsEveryAddressInAList() {
    assertEquals(
        List.of("a@x.io", "b@y.org"), Detected.matched("email", "a@x.io, b@y.org; @scope/c@1.0.0"));
  }
}
