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
 * @param details the canonical JSON of the call's {@link AuditDetails}, or {@code ""} for records
 *     without them (events other than calls, and records written before details existed)
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
    Duration duration,
    String details) {
  public AuditRecord {
    // PostgreSQL refuses text holding U+0000, which would fail every record of the batch this
    // one is written in; agents choose tool names and arguments, so no NUL reaches the store.
    callId = withoutNul(callId);
    agent = withoutNul(agent);
    sessionId = withoutNul(sessionId);
    tool = withoutNul(tool);
    upstream = withoutNul(upstream);
    outcome = withoutNul(outcome);
    kind = withoutNul(kind);
    ruleId = withoutNul(ruleId);
    reason = withoutNul(reason);
    details = withoutNul(details);
    findings =
        findings.stream()
            .map(f -> new Finding(withoutNul(f.detector()), withoutNul(f.pointer())))
            .toList();
  }

  /** {@code text} with each U+0000 replaced by U+FFFD. */
  private static String withoutNul(String text) {
    return text == null || text.indexOf('\u0000') < 0 ? text : text.replace('\u0000', '\uFFFD');
  }

  /** A record without call details (an event other than a call). */
  public AuditRecord(
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
    this(
        at, callId, agent, sessionId, tool, upstream, outcome, kind, ruleId, reason, findings,
        duration, "");
  }
}
