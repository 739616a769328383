package dev.gatehouse.shield.policy;

import dev.gatehouse.shield.rate.Rate;

/**
 * A rule's {@code rate:} and {@code per:}: how many matching calls may pass per period, counted per
 * agent (default), per tool, or for the whole rule.
 */
public record RateLimit(String ruleId, Rate rate, Per per) {
  /** What one bucket counts. */
  public enum Per {
    AGENT("agent"),
    TOOL("tool"),
    RULE("rule");

    public final String word;

    Per(String word) {
      this.word = word;
    }
  }

  /** The bucket a call by {@code agent} to {@code tool} draws from. */
  public String bucket(String agent, String tool) {
    return switch (per) {
      case AGENT -> ruleId + "|agent:" + agent;
      case TOOL -> ruleId + "|tool:" + tool;
      case RULE -> ruleId;
    };
  }
}
