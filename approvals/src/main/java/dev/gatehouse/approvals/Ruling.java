package dev.gatehouse.approvals;

/** What a person decides on a pending request. */
public sealed interface Ruling {
  ApprovalState state();

  /** Let the call (or, with a window, the same call repeatedly) go on. */
  record Approve(ApprovalGrant grant) implements Ruling {
    @Override
    public ApprovalState state() {
      return ApprovalState.APPROVED;
    }
  }

  /** Refuse the call; the reason goes back to the agent. */
  record Deny(String reason) implements Ruling {
    @Override
    public ApprovalState state() {
      return ApprovalState.DENIED;
    }
  }

  /** Withdraw the request without a verdict on the call. */
  record Cancel(String reason) implements Ruling {
    @Override
    public ApprovalState state() {
      return ApprovalState.CANCELLED;
    }
  }
}
