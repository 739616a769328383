package dev.gatehouse.approvals;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Run about once a second: expires requests past their time, and picks up decisions made by other
 * processes for the requests calls here are waiting on.
 */
public final class ApprovalWatcher implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(ApprovalWatcher.class);

  private final ApprovalQueue queue;
  private final ApprovalWaiters waiters;

  public ApprovalWatcher(ApprovalQueue queue, ApprovalWaiters waiters) {
    this.queue = queue;
    this.waiters = waiters;
  }

  @Override
  public void run() {
    try {
      queue.expireDue();
      queue.settledAmong(waiters.ids()).forEach(waiters::decided);
    } catch (RuntimeException e) {
      log.error("approvals: checking for decisions failed: {}", e.toString());
    }
  }
}
