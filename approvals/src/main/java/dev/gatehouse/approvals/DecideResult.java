package dev.gatehouse.approvals;

/** What became of an attempt to decide a request. */
public sealed interface DecideResult {
  /** The request was pending and is now decided. */
  record Decided(ApprovalRequest request) implements DecideResult {}

  /** The request was already decided (or expired); nothing changed. */
  record AlreadyDecided(ApprovalRequest request) implements DecideResult {}

  /** No request has that id. */
  record Unknown(String id) implements DecideResult {}
}
