package dev.gatehouse.shield.detect;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/** A detector made of finders: its matches are theirs, ordered, with overlaps dropped. */
record NamedDetector(String name, DetectorSet set, List<Finder> finders) implements Detector {
  private static final Comparator<Match> BY_START_THEN_LONGEST =
      Comparator.comparingInt(Match::start)
          .thenComparing(Comparator.comparingInt(Match::end).reversed());

  NamedDetector {
    finders = List.copyOf(finders);
  }

  static NamedDetector of(String name, DetectorSet set, Finder... finders) {
    return new NamedDetector(name, set, List.of(finders));
  }

  @Override
  public Triggers triggers() {
    return Triggers.anyOf(finders.stream().map(Finder::triggers).toList());
  }

  @Override
  public List<Match> find(String text) {
    List<Match> found = new ArrayList<>();
    for (Finder finder : finders) {
      finder.findAll(text, found);
    }
    if (found.isEmpty()) {
      return List.of();
    }
    if (finders.size() == 1) {
      return Collections.unmodifiableList(found);
    }
    found.sort(BY_START_THEN_LONGEST);
    List<Match> disjoint = new ArrayList<>(found.size());
    int end = 0;
    for (Match match : found) {
      if (match.start() >= end) {
        disjoint.add(match);
        end = match.end();
      }
    }
    return Collections.unmodifiableList(disjoint);
  }
}
