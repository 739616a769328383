package dev.gatehouse.shield.detect;

import dev.gatehouse.shield.text.PatternAutomaton;
import java.util.List;

/**
 * Finds ASCII words in one pass, ignoring case, with a {@link PatternAutomaton}: time is linear in
 * the text whatever the words are. The anchors are where the words start.
 */
final class Keywords implements Anchors {
  private final Triggers triggers;
  private final PatternAutomaton automaton;

  Keywords(String... words) {
    triggers = Triggers.words(words);
    automaton = new PatternAutomaton(List.of(words), PatternAutomaton.Case.IGNORE_ASCII);
  }

  @Override
  public Triggers triggers() {
    return triggers;
  }

  @Override
  public int[] in(String text) {
    Starts starts = new Starts();
    automaton.scan(text, starts);
    return starts.positions == null ? NONE : starts.positions.sorted();
  }

  /** Where the words found start; nothing allocated until one is. */
  private static final class Starts implements PatternAutomaton.Hits {
    private Positions positions;

    @Override
    public void hit(int start, int end, int word) {
      positions = positions == null ? new Positions() : positions;
      positions.add(start);
    }
  }
}
