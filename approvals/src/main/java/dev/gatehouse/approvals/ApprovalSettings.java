package dev.gatehouse.approvals;

import dev.gatehouse.approvals.slack.SlackSettings;
import java.time.Duration;
import java.util.Optional;

/**
 * The {@code approvals:} section of the config.
 *
 * @param hold how long a call waits for a decision before the agent is told to retry
 * @param expireAfter how long a request stays pending, and a single-use grant usable
 * @param slack where approvers are asked, when configured
 * @param checkEvery how often the store is read for requests past their expiry and for decisions
 *     made by other processes or nodes (the backstop when no wake-up message arrives)
 */
public record ApprovalSettings(
    Duration hold, Duration expireAfter, Optional<SlackSettings> slack, Duration checkEvery) {
  public static final Duration DEFAULT_HOLD = Duration.ofSeconds(120);
  public static final Duration DEFAULT_EXPIRE_AFTER = Duration.ofHours(1);
  public static final Duration DEFAULT_CHECK_EVERY = Duration.ofMillis(500);
  public static final ApprovalSettings DEFAULT =
      new ApprovalSettings(DEFAULT_HOLD, DEFAULT_EXPIRE_AFTER, Optional.empty());

  public ApprovalSettings(Duration hold, Duration expireAfter, Optional<SlackSettings> slack) {
    this(hold, expireAfter, slack, DEFAULT_CHECK_EVERY);
  }

  public ApprovalSettings withHold(Duration hold) {
    return new ApprovalSettings(hold, expireAfter, slack, checkEvery);
  }

  public ApprovalSettings withSlack(SlackSettings settings) {
    return new ApprovalSettings(hold, expireAfter, Optional.of(settings), checkEvery);
  }

  public ApprovalSettings withCheckEvery(Duration every) {
    return new ApprovalSettings(hold, expireAfter, slack, every);
  }
}
