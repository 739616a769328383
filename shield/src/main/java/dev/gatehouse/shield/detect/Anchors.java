package dev.gatehouse.shield.detect;

import java.util.Arrays;
import java.util.function.Function;

/**
 * Where in a text a candidate may start. Finding anchors is a cheap pass; the costlier check runs
 * only at the positions it returns, which keeps detectors fast on text that holds nothing.
 */
interface Anchors {
  int[] NONE = new int[0];

  /** Candidate start positions, ascending and distinct; empty when the text cannot match. */
  int[] in(String text);

  /** What a text must hold for {@link #in} to return anything. */
  Triggers triggers();

  /** Anchors found by {@code finder} wherever {@code triggers} hold. */
  private static Anchors of(Triggers triggers, Function<String, int[]> finder) {
    return new Of(triggers, finder);
  }

  /** Anchors from a function, with the triggers it needs. */
  record Of(Triggers triggers, Function<String, int[]> finder) implements Anchors {
    @Override
    public int[] in(String text) {
      return finder.apply(text);
    }
  }

  /** Every occurrence of any of the words, case-sensitively. */
  static Anchors literals(String... words) {
    return of(
        Triggers.words(words),
        text -> {
          Positions positions = null;
          for (String word : words) {
            for (int at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
              positions = positions == null ? new Positions() : positions;
              positions.add(at);
            }
          }
          return positions == null ? NONE : positions.sorted();
        });
  }

  /** Every occurrence of any of the ASCII words, ignoring case. */
  static Anchors keywords(String... words) {
    return new Keywords(words);
  }

  /**
   * The anchors of {@code inner} that do not sit inside a word: a lowercase letter right after a
   * letter, digit or underscore is dropped; a capital after a lowercase letter starts a camelCase
   * word and is kept.
   */
  static Anchors wordStarts(Anchors inner) {
    return of(
        inner.triggers(),
        text -> {
          int[] all = inner.in(text);
          int kept = 0;
          for (int at : all) {
            char c = text.charAt(at);
            boolean inside =
                c >= 'a'
                    && c <= 'z'
                    && at > 0
                    && (Chars.isAlnum(text.charAt(at - 1)) || text.charAt(at - 1) == '_');
            if (!inside) {
              all[kept++] = at;
            }
          }
          return kept == all.length ? all : kept == 0 ? NONE : Arrays.copyOf(all, kept);
        });
  }

  /**
   * Where each number with at least {@code minDigits} digits begins; a number is a run of ASCII
   * digits in which single spaces or dashes may separate groups ({@code 4111 1111-1111}).
   */
  static Anchors numbers(int minDigits) {
    return of(
        Triggers.digits(minDigits),
        text -> {
          Positions positions = null;
          int n = text.length();
          int i = 0;
          while (i < n) {
            if (!Chars.isDigit(text.charAt(i))) {
              i++;
              continue;
            }
            int start = i;
            int digits = 0;
            while (i < n) {
              char c = text.charAt(i);
              if (Chars.isDigit(c)) {
                digits++;
                i++;
              } else if ((c == ' ' || c == '-') && Chars.digitAt(text, i + 1)) {
                i++;
              } else {
                break;
              }
            }
            if (digits >= minDigits) {
              positions = positions == null ? new Positions() : positions;
              positions.add(start);
            }
          }
          return positions == null ? NONE : positions.sorted();
        });
  }
}
