package dev.gatehouse.server.approvals;

import dev.gatehouse.approvals.ApprovalEvents;
import dev.gatehouse.approvals.ApprovalRequest;
import dev.gatehouse.server.audit.AuditLog;
import dev.gatehouse.server.audit.AuditRecord;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts every approval request, decision (with who decided, from any channel) and use of a grant in
 * the audit chain, next to the call records: {@code approval_requested}, {@code approval_approved},
 * {@code approval_denied}, {@code approval_expired}, {@code approval_cancelled}, {@code
 * approval_used}, each naming the approval id.
 */
public final class ApprovalAudit implements ApprovalEvents {
  private static final Logger log = LoggerFactory.getLogger(ApprovalAudit.class);

  private final AuditLog audit;
  private final InstantSource clock;

  public ApprovalAudit(AuditLog audit, InstantSource clock) {
    this.audit = audit;
    this.clock = clock;
  }

  @Override
  public void requested(ApprovalRequest r) {
    append(r, r.callId(), "approval_requested", "approval " + r.id() + " requested: " + r.reason());
  }

  @Override
  public void decided(ApprovalRequest r) {
    ApprovalRequest.Decision d = r.decision().orElseThrow();
    String what =
        switch (r.state()) {
          case APPROVED -> d.usesLeft() > 1 ? "until " + d.grantUntil().orElseThrow() : "once";
          default -> d.note();
        };
    append(
        r,
        r.callId(),
        "approval_" + r.state().word(),
        "approval " + r.id() + " " + r.state().word() + " by " + d.by() + ": " + what);
  }

  @Override
  public void used(ApprovalRequest r, String callId) {
    append(
        r,
        callId,
        "approval_used",
        "approval " + r.id() + " (approved by " + r.decidedBy() + ") used by call " + callId);
  }

  private void append(ApprovalRequest r, String callId, String outcome, String reason) {
    try {
      audit.append(
          new AuditRecord(
              clock.instant(),
              callId,
              r.agent(),
              "",
              r.tool(),
              r.upstream(),
              outcome,
              "approval",
              r.ruleId(),
              reason,
              List.of(),
              Duration.ZERO));
    } catch (RuntimeException e) {
      log.error(
          "the audit record '{}' of approval {} was not stored: {}", outcome, r.id(), e.toString());
    }
  }
}
