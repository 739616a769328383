package dev.gatehouse.shield.detect;

import java.util.List;

/** One way a detector recognises what it looks for; a detector fires wherever any finder does. */
interface Finder {
  /** Adds every match in {@code text} to {@code found}, in order of start, without overlaps. */
  void findAll(String text, List<Match> found);

  /** What a text must hold for {@link #findAll} to find anything in it. */
  Triggers triggers();
}
