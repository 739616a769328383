package dev.gatehouse.shield.rate;

import java.time.Duration;

/**
 * Whether a call may go now, and if not, when to try again; or that the limit could not be checked
 * (a shared store is down), which refuses the call: limits fail closed.
 */
public sealed interface RateDecision {
  record Granted() implements RateDecision {}

  record Limited(Duration retryAfter) implements RateDecision {}

  /**
   * @param reason one line the agent reads, naming what is unavailable (never a cause chain)
   */
  record Unavailable(String reason) implements RateDecision {}

  RateDecision GRANTED = new Granted();
}
