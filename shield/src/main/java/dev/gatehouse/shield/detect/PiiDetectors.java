package dev.gatehouse.shield.detect;

import static dev.gatehouse.shield.detect.DetectorSet.PII;

import java.util.List;

/** Detectors for personal data: contact details, national identifiers, payment accounts. */
final class PiiDetectors {
  /** A number starts here: no letter, digit or decimal point before, no digit group either. */
  private static final String NUMBER_START = "(?<![A-Za-z0-9_.])(?<![0-9][ -])";

  /** A number ends here: nothing that continues it. */
  private static final String NUMBER_END = "(?![A-Za-z0-9_])(?![ -][0-9])";

  private PiiDetectors() {}

  static List<Detector> all() {
    return List.of(
        NamedDetector.of("email", PII, new EmailAddress()),
        phone(),
        usSsn(),
        NamedDetector.of("credit-card", PII, new CardNumber()),
        NamedDetector.of("iban", PII, new Iban()),
        aadhaar(),
        NamedDetector.of("pan", PII, new PanNumber()),
        NamedDetector.of("upi-id", PII, new UpiId()));
  }

  /** E.164: a plus, a non-zero country digit, 8 to 15 digits in all; single spaces or dashes. */
  static Detector phone() {
    return NamedDetector.of(
        "phone",
        PII,
        AnchoredRegex.of(
            Anchors.literals("+"), "(?<![A-Za-z0-9+])\\+[1-9](?:[ -]?[0-9]){7,14}" + NUMBER_END));
  }

  /**
   * US social security numbers, dashed or spaced, with the ranges the SSA never issues left out.
   */
  static Detector usSsn() {
    return NamedDetector.of(
        "us-ssn",
        PII,
        AnchoredRegex.of(
            Anchors.numbers(9),
            NUMBER_START
                + "(?!000|666|9)[0-9]{3}([- ])(?!00)[0-9]{2}\\1(?!0000)[0-9]{4}"
                + NUMBER_END));
  }

  /** Aadhaar: 12 digits (or 4-4-4), not starting with 0 or 1, with a valid Verhoeff check digit. */
  static Detector aadhaar() {
    return NamedDetector.of(
        "aadhaar",
        PII,
        AnchoredRegex.of(
            Anchors.numbers(12),
            NUMBER_START + "[2-9][0-9]{3}([ -]?)[0-9]{4}\\1[0-9]{4}" + NUMBER_END,
            number -> CheckDigits.verhoeff(Chars.digitsOf(number))));
  }
}
