package dev.gatehouse.server.cluster;

import dev.gatehouse.shield.Approvals;
import dev.gatehouse.shield.Outcome;
import dev.gatehouse.shield.ToolCall;
import dev.gatehouse.shield.policy.Decision;

/**
 * Approvals in a cluster with Redis: while the shared Redis is unreachable, a call that needs a
 * human is refused at once, neither parked (no decision on another node could wake it) nor let
 * through on an existing grant. Fails closed like {@link RedisRateLimiter}; the node recovers by
 * itself when Redis answers again.
 */
public final class RedisBackedApprovals implements Approvals {
  static final String UNAVAILABLE =
      "the shared Redis is unavailable; the call is refused until it is back";

  private final SharedRedis redis;
  private final Approvals approvals;

  public RedisBackedApprovals(SharedRedis redis, Approvals approvals) {
    this.redis = redis;
    this.approvals = approvals;
  }

  @Override
  public Verdict await(ToolCall call, Decision decision) {
    if (redis.problem().isPresent()) {
      return new Verdict.Refused(
          new Outcome.Denied(
              Outcome.Kind.APPROVAL,
              "approval required (" + decision.reason() + ") cannot be waited for: " + UNAVAILABLE,
              decision.rule().orElse(""),
              decision.findings()));
    }
    return approvals.await(call, decision);
  }
}
