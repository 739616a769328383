package dev.gatehouse.shield;

import dev.gatehouse.shield.policy.Decision;

/**
 * Where a call that a rule sends to a human goes: the approval queue answers whether it may go on.
 * Implementations may block the calling (virtual) thread while a person decides.
 */
@FunctionalInterface
public interface Approvals {

  /**
   * Looks for a grant that covers exactly this call, or asks for one and waits a while for the
   * answer.
   *
   * @param decision the policy decision that asked for approval (rule, reason, revision, findings)
   */
  Verdict await(ToolCall call, Decision decision);

  /** What the approval step came to. */
  sealed interface Verdict {
    /** A person approved this call; it may be relayed. */
    record Granted(String approvalId, String approver) implements Verdict {}

    /** No approval (yet): denied, expired, or still pending; the refusal says which. */
    record Refused(Outcome.Denied denied) implements Verdict {}
  }

  /** For a gateway without an approval queue: every call that needs a human is refused. */
  Approvals UNAVAILABLE =
      (call, decision) ->
          new Verdict.Refused(
              new Outcome.Denied(
                  Outcome.Kind.APPROVAL,
                  "approval required: "
                      + decision.reason()
                      + " (human approval is not available, so this call is refused)",
                  decision.rule().orElse(""),
                  decision.findings()));
}
