package dev.gatehouse.server.audit;

import dev.gatehouse.shield.Finding;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One tool call as the audit trail keeps it. Arguments are not kept here; findings and rule ids say
 * why a call was refused.
 *
 * @param outcome {@code completed} or {@code denied}
 * @param kind the refusal kind ({@code policy}, {@code unknown_tool}, ...) or {@code ok}
 * @param findings what detectors and the egress guard found (detector and place, never values)
 */
public record AuditRecord(
    Instant at,
    String callId,
    String agent,
    String sessionId,
    String tool,
    String upstream,
    String outcome,
    String kind,
    String ruleId,
    String reason,
    List<Finding> findings,
    Duration duration) {
  public AuditRecord {
    findings = List.copyOf(findings);
  }
}
