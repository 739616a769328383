package dev.gatehouse.shield.policy;

/**
 * What a rule decides. Precedence among matching enforced rules: deny, then approve, then allow.
 * {@code redact} never decides whether a call runs: it names detectors whose findings are masked in
 * the response of a call that does.
 */
public enum Action {
  DENY("deny"),
  APPROVE("approve"),
  ALLOW("allow"),
  REDACT("redact");

  public final String word;

  Action(String word) {
    this.word = word;
  }

  /** Whether a rule with this action takes part in deciding if a call may run. */
  public boolean decides() {
    return this != REDACT;
  }
}
