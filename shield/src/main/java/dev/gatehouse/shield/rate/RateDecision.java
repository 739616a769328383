package dev.gatehouse.shield.rate;

import java.time.Duration;

/** Whether a call may go now, and if not, when to try again. */
public sealed interface RateDecision {
  record Granted() implements RateDecision {}

  record Limited(Duration retryAfter) implements RateDecision {}

  RateDecision GRANTED = new Granted();
}
