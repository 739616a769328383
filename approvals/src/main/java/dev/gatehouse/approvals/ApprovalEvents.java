package dev.gatehouse.approvals;

/**
 * Told of every change in the queue, after it is committed, in the process that made it: the audit
 * trail, waiting calls, notification channels.
 */
public interface ApprovalEvents {
  /** A new request is pending. */
  default void requested(ApprovalRequest request) {}

  /** A pending request was approved, denied, cancelled, or expired. */
  default void decided(ApprovalRequest request) {}

  /** A grant was used by the call {@code callId}. */
  default void used(ApprovalRequest request, String callId) {}

  /** Tells each of {@code listeners}, in order. */
  static ApprovalEvents all(java.util.List<ApprovalEvents> listeners) {
    java.util.List<ApprovalEvents> copy = java.util.List.copyOf(listeners);
    return new ApprovalEvents() {
      @Override
      public void requested(ApprovalRequest request) {
        copy.forEach(l -> l.requested(request));
      }

      @Override
      public void decided(ApprovalRequest request) {
        copy.forEach(l -> l.decided(request));
      }

      @Override
      public void used(ApprovalRequest request, String callId) {
        copy.forEach(l -> l.used(request, callId));
      }
    };
  }
}
