package dev.gatehouse.shield.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class AnchorsTest {
  @Test
  void keywordsFindOverlappingWordsWhereTheyStart() {
    Anchors words = Anchors.keywords("he", "she", "his", "hers");
    assertArrayEquals(new int[] {1, 2}, words.in("ushers"));
  }

  @Test
  void keywordsIgnoreAsciiCaseAndSkipOtherCharacters() {
    Anchors words = Anchors.keywords("drop table");
    assertArrayEquals(new int[] {2, 17}, words.in("\u00e9 DROP TABLE x; \u0448Drop Table"));
    assertArrayEquals(Anchors.NONE, words.in("drop  table"));
  }

  @Test
  void keywordsMatchAfterAFailedPartialMatch() {
    assertArrayEquals(new int[] {2}, Anchors.keywords("abac").in("ababac"));
  }

  @Test
  void literalsAreCaseSensitiveAndMerged() {
    Anchors literals = Anchors.literals("AKIA", "ASIA");
    assertArrayEquals(new int[] {0, 10}, literals.in("ASIA akia AKIA"));
  }

  @Test
  void wordStartsDropAnchorsInsideLowercaseWordsButKeepCamelCase() {
    Anchors anchors = Anchors.wordStarts(Anchors.keywords("dd", "token"));
    assertArrayEquals(new int[] {4, 14}, anchors.in("add dd; accessToken"));
  }

  @Test
  void numbersStartWhereARunHasEnoughDigits() {
    Anchors thirteen = Anchors.numbers(13);
    assertArrayEquals(new int[] {6}, thirteen.in("id 7, 4111 1111-1111 1111, 12 34  567890123456"));
  }
}
