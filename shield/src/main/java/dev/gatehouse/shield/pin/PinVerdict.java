package dev.gatehouse.shield.pin;

/** Whether a tool may be listed and called, as far as its pinned definition goes. */
public sealed interface PinVerdict {
  /** The definition is the one pinned (or was pinned just now, on first sight). */
  record Trusted() implements PinVerdict {}

  /**
   * Hidden and refused until a person runs {@code gatehouse tools approve}.
   *
   * @param reason one line for the agent and the audit trail
   */
  record Quarantined(String reason) implements PinVerdict {}

  PinVerdict TRUSTED = new Trusted();
}
