package dev.gatehouse.shield.policy;

/**
 * What a rule decides. Precedence among matching enforced rules: deny, then approve, then allow.
 */
public enum Action {
  DENY("deny"),
  APPROVE("approve"),
  ALLOW("allow");

  public final String word;

  Action(String word) {
    this.word = word;
  }
}
