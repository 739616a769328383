package dev.gatehouse.approvals;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One request for a human decision, as the queue keeps it.
 *
 * @param id short random id people type in the CLI ({@code ap_...})
 * @param binding what a grant from this request covers
 * @param upstream the upstream the tool belongs to
 * @param callId the call that asked first
 * @param ruleId the rule that asked for approval
 * @param reason the rule's reason
 * @param arguments the call's arguments, redacted and pretty-printed, for approvers to read
 * @param findings what the detectors found in the arguments ({@code detector@/pointer}, never
 *     values), comma-separated
 * @param approvers who the rule says may decide (Slack user ids, user group ids, {@code @handle}s);
 *     empty when the configured approvers decide
 * @param expiresAt when a pending request turns {@link ApprovalState#EXPIRED}
 * @param decision who decided what, once decided
 * @param slack where the Slack message is, once posted
 */
public record ApprovalRequest(
    String id,
    Binding binding,
    String upstream,
    String callId,
    String ruleId,
    String reason,
    String arguments,
    String findings,
    List<String> approvers,
    Instant createdAt,
    Instant expiresAt,
    ApprovalState state,
    Optional<Decision> decision,
    Optional<SlackMessage> slack) {

  /**
   * A decision on the request.
   *
   * @param by the approver (Slack user id, CLI {@code --by} name, admin agent) or {@code gatehouse}
   *     for expiry
   * @param note the approver's reason, or {@code ""}
   * @param grantUntil for an approval, until when the grant can be used
   * @param usesLeft for an approval, how many calls the grant still covers
   */
  public record Decision(
      String by, Instant at, String note, Optional<Instant> grantUntil, int usesLeft) {}

  /**
   * The Slack message announcing the request.
   *
   * @param outcomeShown whether the message was updated to show the decision
   */
  public record SlackMessage(String channel, String ts, boolean outcomeShown) {}

  public ApprovalRequest {
    approvers = List.copyOf(approvers);
  }

  public String agent() {
    return binding.agent();
  }

  public String tool() {
    return binding.tool();
  }

  /** Who decided, for messages: the approver, or "nobody" while pending. */
  public String decidedBy() {
    return decision.map(Decision::by).orElse("nobody");
  }
}
