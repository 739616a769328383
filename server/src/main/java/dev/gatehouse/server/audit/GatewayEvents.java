package dev.gatehouse.server.audit;

import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the gateway's own events in the audit chain, next to the call records: {@code
 * policy_reloaded}, {@code policy_rejected}, {@code tool_quarantined}, {@code tool_approved},
 * {@code secret_set}, {@code secret_removed}, {@code key_rotated} (the vault keyset), {@code
 * signing_key_rotated} (the agent token key), {@code kill_switch_on} and {@code kill_switch_off}.
 * Each names who or what caused it ({@code gatehouse} for the gateway itself, the operator for CLI
 * changes) and never a value.
 */
public final class GatewayEvents {
  private static final Logger log = LoggerFactory.getLogger(GatewayEvents.class);
  public static final String GATEWAY = "gatehouse";

  private final AuditLog audit;
  private final InstantSource clock;

  public GatewayEvents(AuditLog audit, InstantSource clock) {
    this.audit = audit;
    this.clock = clock;
  }

  public void policyReloaded(String previous, String next, int rules) {
    append(
        GATEWAY,
        "policy",
        "",
        "policy_reloaded",
        "policy set " + next + " in force (" + rules + " rules), replacing " + previous);
  }

  public void policyRejected(String kept, int problems, String first) {
    append(
        GATEWAY,
        "policy",
        "",
        "policy_rejected",
        "a policy edit was rejected ("
            + problems
            + " problem"
            + (problems == 1 ? "" : "s")
            + ", first: "
            + first
            + "); policy set "
            + kept
            + " stays in force");
  }

  public void toolQuarantined(String tool, String upstream, String why) {
    append(GATEWAY, tool, upstream, "tool_quarantined", why);
  }

  public void toolApproved(String tool, String upstream, String by) {
    append(by, tool, upstream, "tool_approved", "tool " + tool + " approved by " + by);
  }

  /**
   * @param change {@code secret_set}, {@code secret_removed} or {@code key_rotated}
   */
  public void secretChanged(String name, String change, String by) {
    append(by, name.isEmpty() ? "vault" : "secret:" + name, "", change, change.replace('_', ' '));
  }

  /**
   * The agent token signing key was replaced by {@code keyId}; tokens of the previous key verify
   * until {@code previousUntil}, or no longer when it is empty.
   */
  public void signingKeyRotated(
      String keyId, java.util.Optional<java.time.Instant> previousUntil, String by) {
    append(
        by,
        "agent-signing-key",
        "",
        "signing_key_rotated",
        "agent signing key rotated by "
            + by
            + ": new key "
            + keyId
            + previousUntil
                .map(until -> ", tokens of the previous key accepted until " + until)
                .orElse(", tokens of the previous key refused from now"));
  }

  /** The kill switch was engaged (or its reason changed while engaged). */
  public void killSwitchOn(String by, String reason) {
    append(by, "kill_switch", "", "kill_switch_on", "kill switch on by " + by + ": " + reason);
  }

  /** The kill switch was released. */
  public void killSwitchOff(String by, dev.gatehouse.server.store.KillSwitchStore.Engaged was) {
    append(
        by,
        "kill_switch",
        "",
        "kill_switch_off",
        "kill switch off by "
            + by
            + " (on since "
            + was.since().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
            + " by "
            + was.by()
            + ")");
  }

  private void append(String who, String subject, String upstream, String event, String what) {
    try {
      audit.append(
          new AuditRecord(
              clock.instant(),
              UUID.randomUUID().toString(),
              who,
              "",
              subject,
              upstream,
              event,
              "event",
              "",
              what,
              List.of(),
              Duration.ZERO));
    } catch (RuntimeException e) {
      log.error("the audit record of event {} was not stored: {}", event, e.toString());
    }
  }
}
