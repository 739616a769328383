package dev.gatehouse.shield.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CheckDigitsTest {
  @ParameterizedTest
  @ValueSource(strings = {"4111111111111111", "79927398713", "378282246310005", "0"})
  void luhnAcceptsValidNumbers(String digits) {
    assertTrue(CheckDigits.luhn(digits));
  }

  @ParameterizedTest
  @ValueSource(strings = {"4111111111111112", "79927398710", "1234567812345678"})
  void luhnRejectsOneDigitOff(String digits) {
    assertFalse(CheckDigits.luhn(digits));
  }

  @Test
  void verhoeffCatchesSingleDigitErrorsAndTranspositions() {
    assertTrue(CheckDigits.verhoeff("2363"));
    assertTrue(CheckDigits.verhoeff("234567890124"));
    assertFalse(CheckDigits.verhoeff("2364"));
    assertFalse(CheckDigits.verhoeff("243567890124"));
  }

  @Test
  void ibanMod97() {
    assertTrue(CheckDigits.ibanMod97("GB82WEST12345698765432"));
    assertFalse(CheckDigits.ibanMod97("GB82WEST12345698765433"));
    assertFalse(CheckDigits.ibanMod97("GB28WEST12345698765432"));
  }

  @Test
  void entropyCountsBitsPerCharacter() {
    assertEquals(0.0, Entropy.bitsPerChar("aaaaaaaa"), 1e-9);
    assertEquals(1.0, Entropy.bitsPerChar("abab"), 1e-9);
    assertEquals(3.0, Entropy.bitsPerChar("abcdefgh"), 1e-9);
    assertEquals(0.0, Entropy.bitsPerChar(""), 1e-9);
  }
}
