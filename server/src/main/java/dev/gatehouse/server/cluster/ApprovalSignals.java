package dev.gatehouse.server.cluster;

import dev.gatehouse.approvals.ApprovalEvents;
import dev.gatehouse.approvals.ApprovalQueue;
import dev.gatehouse.approvals.ApprovalRequest;
import dev.gatehouse.approvals.ApprovalState;
import dev.gatehouse.approvals.ApprovalWaiters;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes calls parked on one node when their request is decided on another. Every decision this
 * process commits (Slack, admin API, CLI) is published on {@link #CHANNEL} as the request's id;
 * every node subscribes and, for an id it has waiters for, reads the request from the database (the
 * durable truth, never the message) and completes them. A message lost to a Redis outage costs only
 * time: {@link dev.gatehouse.approvals.ApprovalWatcher} still finds the decision on its next check.
 */
public final class ApprovalSignals implements ApprovalEvents {
  /**
   * Pub/sub channels are global to a Redis server (not per database number); a node that hears
   * another cluster's ids finds no waiter for them, or no such request in its own database.
   */
  public static final String CHANNEL = "gatehouse:approvals:decided";

  private static final Logger log = LoggerFactory.getLogger(ApprovalSignals.class);

  private final SharedRedis redis;
  private final String channel;
  private final Supplier<Optional<String>> password;

  /**
   * @param password the Redis password, resolved only when a CLI process (which keeps no
   *     connection) has something to publish
   */
  public ApprovalSignals(SharedRedis redis, Supplier<Optional<String>> password) {
    this(redis, CHANNEL, password);
  }

  /** On another channel: tests keep their messages apart from everyone else's. */
  public ApprovalSignals(SharedRedis redis, String channel, Supplier<Optional<String>> password) {
    this.redis = redis;
    this.channel = channel;
    this.password = password;
  }

  /**
   * Publishes the id of each request decided here, after the decision is committed. Never fails the
   * decision: a message that cannot be sent only leaves the other nodes to their next check.
   */
  @Override
  public void decided(ApprovalRequest request) {
    try {
      boolean sent =
          redis.started()
              ? redis.publish(channel, request.id())
              : SharedRedis.publishOnce(
                  redis.settings(), password.get(), "cli", channel, request.id());
      if (!sent) {
        log.warn(
            "approval {} decided, but the other nodes could not be told through Redis; they find"
                + " the decision at their next check of the database",
            request.id());
      }
    } catch (RuntimeException e) {
      log.warn(
          "approval {} decided, but telling the other nodes failed ({}); they find the decision at"
              + " their next check of the database",
          request.id(),
          e.getClass().getSimpleName());
    }
  }

  /**
   * Subscribes: each id heard that calls here wait for is looked up in the database on {@code
   * executor} (never on Redis's I/O thread), and its waiters completed if it is decided.
   */
  public void wake(ApprovalQueue queue, ApprovalWaiters waiters, Executor executor) {
    redis.subscribe(
        channel,
        id -> {
          if (waiters.waitsFor(id)) {
            executor.execute(() -> settle(queue, waiters, id));
          }
        });
  }

  private static void settle(ApprovalQueue queue, ApprovalWaiters waiters, String id) {
    try {
      queue.find(id).filter(r -> r.state() != ApprovalState.PENDING).ifPresent(waiters::decided);
    } catch (RuntimeException e) {
      log.error(
          "approvals: reading decided request {} failed: {}", id, e.getClass().getSimpleName());
    }
  }
}
