package dev.gatehouse.shield.detect;

import java.util.ArrayList;
import java.util.List;

/**
 * What must appear in a text for a detector to be able to fire there: a cheap necessary condition,
 * checked for all detectors together in one pass before any of them runs. A detector fires only in
 * texts where at least one of its triggers holds; a trigger that holds does not mean it fires.
 *
 * @param words ASCII words, any of which, matched ignoring case, may start a match
 * @param minDigits a number of at least this many ASCII digits, single spaces or dashes allowed
 *     between groups ({@link Integer#MAX_VALUE} for none)
 * @param minUppersBeforeDigit a digit right after at least this many ASCII capitals ({@link
 *     Integer#MAX_VALUE} for none)
 * @param minChar a character at or above this code unit ({@link Character#MAX_VALUE} + 1 for none)
 * @param always the detector may fire in any text: nothing is skipped
 */
public record Triggers(
    List<String> words, int minDigits, int minUppersBeforeDigit, int minChar, boolean always) {
  private static final int NONE = Integer.MAX_VALUE;
  private static final int NO_CHAR = Character.MAX_VALUE + 1;

  /** The triggers of a detector that declares none: it runs on every text. */
  public static final Triggers ALWAYS = new Triggers(List.of(), NONE, NONE, NO_CHAR, true);

  private static final Triggers NEVER = new Triggers(List.of(), NONE, NONE, NO_CHAR, false);

  public Triggers {
    words = List.copyOf(words);
    for (String word : words) {
      if (word.isEmpty() || !word.chars().allMatch(c -> c < 128)) {
        throw new IllegalArgumentException("trigger words are non-empty ASCII: " + word);
      }
    }
  }

  /** Any of the ASCII words, matched ignoring case (a case-sensitive word is a narrower case). */
  public static Triggers words(String... words) {
    return new Triggers(List.of(words), NONE, NONE, NO_CHAR, false);
  }

  /** A number of at least {@code count} digits, groups split by single spaces or dashes. */
  public static Triggers digits(int count) {
    return new Triggers(List.of(), count, NONE, NO_CHAR, false);
  }

  /** A digit that directly follows at least {@code count} capital letters ({@code GB29}). */
  public static Triggers uppersBeforeDigit(int count) {
    return new Triggers(List.of(), NONE, count, NO_CHAR, false);
  }

  /** A character at or above {@code c}. */
  public static Triggers charsFrom(char c) {
    return new Triggers(List.of(), NONE, NONE, c, false);
  }

  /** Holds wherever any of {@code triggers} does. */
  public static Triggers anyOf(List<Triggers> triggers) {
    Triggers union = NEVER;
    for (Triggers t : triggers) {
      union = union.or(t);
    }
    return union;
  }

  /** Holds wherever this or {@code other} does. */
  public Triggers or(Triggers other) {
    List<String> both = new ArrayList<>(words);
    other.words.stream().filter(w -> !both.contains(w)).forEach(both::add);
    return new Triggers(
        both,
        Math.min(minDigits, other.minDigits),
        Math.min(minUppersBeforeDigit, other.minUppersBeforeDigit),
        Math.min(minChar, other.minChar),
        always || other.always);
  }
}
