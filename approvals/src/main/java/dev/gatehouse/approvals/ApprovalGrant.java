package dev.gatehouse.approvals;

import java.time.Duration;
import java.util.Optional;

/**
 * What an approver granted: the one call (the default), or the same call repeated for a window
 * ("approve for 1h"). Either way the grant is bound to the request's {@link Binding}: the same
 * agent, tool, arguments and policy revision.
 *
 * @param window empty for a single use
 */
public record ApprovalGrant(Optional<Duration> window) {
  public static ApprovalGrant once() {
    return new ApprovalGrant(Optional.empty());
  }

  public static ApprovalGrant forWindow(Duration window) {
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("a grant window must be positive");
    }
    return new ApprovalGrant(Optional.of(window));
  }

  /** For the audit trail and messages: "once" or "for 1h". */
  public String describe() {
    return window.map(w -> "for " + Durations.words(w)).orElse("once");
  }
}
