package dev.gatehouse.server.pipeline;

import dev.gatehouse.server.audit.AuditLog;
import dev.gatehouse.server.audit.AuditRecord;
import dev.gatehouse.server.audit.CallDetails;
import dev.gatehouse.shield.Chain;
import dev.gatehouse.shield.Outcome;
import dev.gatehouse.shield.Stage;
import dev.gatehouse.shield.Target;
import dev.gatehouse.shield.ToolCall;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Locale;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first stage: records every call's outcome and timing, and turns an unexpected failure of a
 * later stage (an {@link Error} too) into an internal-error refusal with an incident id. A call
 * whose record cannot be stored is not answered with its result (fail closed); a cancelled call is
 * recorded too.
 */
public final class AuditStage implements Stage {
  private static final Logger log = LoggerFactory.getLogger(AuditStage.class);

  private final AuditLog audit;
  private final CallDetails details;
  private final InstantSource clock;

  public AuditStage(AuditLog audit, CallDetails details, InstantSource clock) {
    this.audit = audit;
    this.details = details;
    this.clock = clock;
  }

  @Override
  public Outcome apply(ToolCall call, Chain chain) {
    long started = System.nanoTime();
    Outcome outcome;
    try {
      outcome = chain.proceed(call);
    } catch (RuntimeException | Error e) {
      String incident = UUID.randomUUID().toString();
      log.error("incident {}: tool call {} failed inside the gateway", incident, call.callId(), e);
      outcome = Outcome.Denied.of(Outcome.Kind.INTERNAL, "internal error; incident " + incident);
    }
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    // A cancelled call's thread comes back interrupted; the record is stored all the same, and
    // the interrupt is kept for whoever runs the call.
    boolean interrupted = Thread.interrupted();
    try {
      audit.append(record(call, outcome, took));
    } catch (RuntimeException | Error e) {
      String incident = UUID.randomUUID().toString();
      log.error(
          "incident {}: the audit record of call {} was not stored", incident, call.callId(), e);
      return Outcome.Denied.of(
          Outcome.Kind.INTERNAL, "the call could not be recorded; incident " + incident);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    return outcome;
  }

  private AuditRecord record(ToolCall call, Outcome outcome, Duration took) {
    String upstream = call.trace().target().map(Target::upstream).orElse("");
    return switch (outcome) {
      case Outcome.Completed completed ->
          new AuditRecord(
              clock.instant(),
              call.callId(),
              call.agent().name(),
              call.sessionId(),
              call.subject(),
              upstream,
              completed.isToolError() ? "tool_error" : "completed",
              "ok",
              "",
              "",
              completed.findings(),
              took,
              details.of(call, outcome).toJson());
      case Outcome.Denied denied ->
          new AuditRecord(
              clock.instant(),
              call.callId(),
              call.agent().name(),
              call.sessionId(),
              call.subject(),
              upstream,
              "denied",
              denied.kind().name().toLowerCase(Locale.ROOT),
              denied.ruleId(),
              denied.reason(),
              denied.findings(),
              took,
              details.of(call, outcome).toJson());
    };
  }
}
