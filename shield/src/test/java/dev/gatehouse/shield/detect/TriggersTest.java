package dev.gatehouse.shield.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TriggersTest {
  @Test
  void triggerWordsAreAscii() {
    assertThrows(IllegalArgumentException.class, () -> Triggers.words("caf\u00e9"));
    assertThrows(IllegalArgumentException.class, () -> Triggers.words(""));
  }

  @Test
  void triggersJoinedHoldWhereEitherDoes() {
    Triggers joined = Triggers.words("a", "b").or(Triggers.words("b", "c")).or(Triggers.digits(9));
    assertEquals(List.of("a", "b", "c"), joined.words());
    assertEquals(9, joined.minDigits());
    assertFalse(joined.always());
    assertTrue(joined.or(Triggers.ALWAYS).always());
    assertEquals(5, Triggers.anyOf(List.of(Triggers.digits(13), Triggers.digits(5))).minDigits());
  }
}
