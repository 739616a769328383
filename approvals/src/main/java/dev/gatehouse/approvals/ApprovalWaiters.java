package dev.gatehouse.approvals;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The calls waiting for a decision, one future per request however many calls wait on it. A
 * decision made in this process completes them at once ({@link #decided}); one made by another
 * process or node is announced by a wake-up message where there is a channel for it (in a cluster,
 * Redis), and in any case found by {@link ApprovalWatcher}, one query for all waiting requests.
 */
public final class ApprovalWaiters implements ApprovalEvents {
  private final ConcurrentMap<String, CompletableFuture<ApprovalRequest>> waiting =
      new ConcurrentHashMap<>();

  /** The future for request {@code id}; the caller must {@link #release} it when done. */
  public CompletableFuture<ApprovalRequest> await(String id) {
    return waiting.computeIfAbsent(id, k -> new CompletableFuture<>());
  }

  /** Forgets a request's future once nobody waits on it any more. */
  public void release(String id, CompletableFuture<ApprovalRequest> future) {
    if (future.isDone()) {
      waiting.remove(id, future);
    }
  }

  /** Whether somebody here waits for request {@code id}. */
  public boolean waitsFor(String id) {
    return waiting.containsKey(id);
  }

  /** The requests somebody waits for. */
  public Set<String> ids() {
    return Set.copyOf(waiting.keySet());
  }

  @Override
  public void decided(ApprovalRequest request) {
    CompletableFuture<ApprovalRequest> future = waiting.remove(request.id());
    if (future != null) {
      future.complete(request);
    }
  }
}
