package dev.gatehouse.shield.policy;

import dev.gatehouse.shield.yaml.Problems;
import java.util.List;

/**
 * Finds rules that can never decide: an allow or approve rule whose whole scope is covered by an
 * unconditional enforced deny rule (deny always wins).
 */
final class Reachability {
  private final Problems problems;

  Reachability(Problems problems) {
    this.problems = problems;
  }

  void check(List<Rule> rules) {
    for (Rule rule : rules) {
      if (rule.shadow() || rule.action() == Action.DENY) {
        continue;
      }
      for (Rule denier : rules) {
        if (denier != rule
            && !denier.shadow()
            && denier.action() == Action.DENY
            && denier.unconditional()
            && covers(denier, rule)) {
          problems.add(
              rule.location(),
              "rule "
                  + rule.id()
                  + " can never decide: rule "
                  + denier.id()
                  + " ("
                  + denier.location()
                  + ") denies every call it covers");
          break;
        }
      }
    }
  }

  /** Whether every call {@code inner} can match is matched by {@code outer}'s scope. */
  private static boolean covers(Rule outer, Rule inner) {
    return java.util.Arrays.stream(dev.gatehouse.shield.Feature.values())
            .allMatch(f -> coversGlobs(outer.globs(f), inner.globs(f)))
        && (outer.agents().isEmpty()
            || (!inner.agents().isEmpty() && coversGlobs(outer.agents(), inner.agents())))
        && (outer.roles().isEmpty()
            || (!inner.roles().isEmpty() && outer.roles().containsAll(inner.roles())))
        && (outer.upstreams().isEmpty()
            || (!inner.upstreams().isEmpty() && coversGlobs(outer.upstreams(), inner.upstreams())));
  }

  /**
   * Each inner glob, read as text, is matched by some outer glob ({@code *} covers {@code a_*}).
   */
  private static boolean coversGlobs(List<Glob> outer, List<Glob> inner) {
    return inner.stream()
        .allMatch(i -> outer.stream().anyMatch(o -> o.matchesEverything() || o.matches(i.text())));
  }
}
