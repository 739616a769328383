package dev.gatehouse.server.killswitch;

import dev.gatehouse.server.store.KillSwitchStore;
import java.time.temporal.ChronoUnit;

/** The kill switch as a node sees it. */
public sealed interface KillSwitchState {
  /** Released: requests run through the pipeline as usual. */
  record Off() implements KillSwitchState {}

  /** Engaged: every request is refused. */
  record On(KillSwitchStore.Engaged engaged) implements KillSwitchState {}

  /** The store could not be read: requests are refused, as if engaged (fail closed). */
  record Unreadable() implements KillSwitchState {}

  /** Whether requests are refused. */
  default boolean refuses() {
    return !(this instanceof Off);
  }

  /** Why requests are refused, for the agent, the audit trail and {@code /healthz}. */
  default String reason() {
    return switch (this) {
      case Off off -> "the kill switch is off";
      case On on ->
          "the kill switch is on since "
              + on.engaged().since().truncatedTo(ChronoUnit.SECONDS)
              + " (by "
              + on.engaged().by()
              + "): "
              + on.engaged().reason();
      case Unreadable u ->
          "the kill switch cannot be read from the store; requests are refused until it can";
    };
  }

  /** One word for {@code /healthz} and the cluster heartbeat: off, on or unknown. */
  default String word() {
    return switch (this) {
      case Off off -> "off";
      case On on -> "on";
      case Unreadable u -> "unknown";
    };
  }
}
