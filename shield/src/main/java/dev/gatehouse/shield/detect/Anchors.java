package dev.gatehouse.shield.detect;

/**
 * Where in a text a candidate may start. Finding anchors is a cheap pass; the costlier check runs
 * only at the positions it returns, which keeps detectors fast on text that holds nothing.
 */
interface Anchors {
  int[] NONE = new int[0];

  /** Candidate start positions, ascending and distinct; empty when the text cannot match. */
  int[] in(String text);

  /** Every occurrence of any of the words, case-sensitively. */
  static Anchors literals(String... words) {
    return text -> {
      Positions positions = new Positions();
      boolean any = false;
      for (String word : words) {
        for (int at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
          positions.add(at);
          any = true;
        }
      }
      return any ? positions.sorted() : NONE;
    };
  }

  /** Every occurrence of any of the ASCII words, ignoring case. */
  static Anchors keywords(String... words) {
    return new Keywords(words);
  }

  /** Where each run of ASCII digits begins. */
  static Anchors numberStarts() {
    return text -> {
      Positions positions = new Positions();
      boolean any = false;
      boolean inNumber = false;
      for (int i = 0; i < text.length(); i++) {
        boolean digit = Chars.isDigit(text.charAt(i));
        if (digit && !inNumber) {
          positions.add(i);
          any = true;
        }
        inNumber = digit;
      }
      return any ? positions.sorted() : NONE;
    };
  }
}
