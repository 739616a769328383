package dev.gatehouse.shield.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WordAutomatonTest {
  private static final Map<String, Long> WORDS = new LinkedHashMap<>();

  static {
    WORDS.put(".ssh", 1L);
    WORDS.put("ssh-rsa", 2L);
    WORDS.put("sh", 4L);
    WORDS.put("AKIA", 8L);
    WORDS.put("@", 16L);
  }

  private static final WordAutomaton AUTOMATON = new WordAutomaton(WORDS);

  private static long bitsIn(String text) {
    long found = 0;
    int row = 0;
    for (int i = 0; i < text.length(); i++) {
      row = AUTOMATON.next(row, text.charAt(i));
      if (row < 0) {
        row = -row;
        found |= AUTOMATON.bitsEndingAt(row);
      }
    }
    return found;
  }

  @Test
  void findsEveryWordIgnoringCase() {
    assertEquals(8L, bitsIn("key akia..."));
    assertEquals(16L, bitsIn("a@b"));
    assertEquals(0L, bitsIn("aki a"));
  }

  @Test
  void findsWordsInsideOthersAlongFailureLinks() {
    assertEquals(1L | 4L, bitsIn("~/.SSH/id"));
    assertEquals(2L | 4L, bitsIn("sssh-rsa AAAA"));
    assertEquals(4L, bitsIn("ssh-rs"));
  }

  @Test
  void charactersInNoWordLeadBackToTheStart() {
    assertEquals(0L, bitsIn(".s\u00e9s\u00e9h"));
    assertEquals(4L, bitsIn("\u00e9sh\u2060"));
  }

  @Test
  void charactersAboveLatin1ReadAsTheirLowByteWhichOnlyAddsCandidates() {
    assertEquals(16L, bitsIn("\u0140"));
    assertEquals(8L, bitsIn("\u0141KIA"));
  }
}
