package dev.gatehouse.approvals;

import dev.gatehouse.shield.Approvals;
import dev.gatehouse.shield.Finding;
import dev.gatehouse.shield.Outcome;
import dev.gatehouse.shield.ToolCall;
import dev.gatehouse.shield.policy.Decision;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * The hand-off from the policy to a person. A call covered by an unused grant goes on at once
 * (using it up); otherwise the call's pending request is found or opened, and the call waits on its
 * own virtual thread for up to {@code hold}, reporting progress, until the request is decided. If
 * the hold ends first the agent is told the request id and to retry the same call later.
 */
public final class ApprovalGate implements Approvals {
  private final ApprovalQueue queue;
  private final ApprovalWaiters waiters;
  private final ArgumentsPreview preview;
  private final Duration hold;
  private final Duration progressEvery;

  public ApprovalGate(
      ApprovalQueue queue,
      ApprovalWaiters waiters,
      ArgumentsPreview preview,
      Duration hold,
      Duration progressEvery) {
    this.queue = queue;
    this.waiters = waiters;
    this.preview = preview;
    this.hold = hold;
    this.progressEvery = progressEvery;
  }

  @Override
  public Verdict await(ToolCall call, Decision decision) {
    String rule = decision.rule().orElse("");
    Binding binding =
        Binding.of(call.agent().name(), call.tool(), call.arguments(), decision.revision());
    ApprovalQueue.Admission admission =
        queue.admit(
            new ApprovalQueue.Ask(
                binding,
                call.resolved().upstream(),
                call.callId(),
                rule,
                decision.reason(),
                preview.render(call.arguments(), decision.findings()),
                findings(decision.findings()),
                decision.approvers()));
    ApprovalRequest request = admission.request();
    if (admission instanceof ApprovalQueue.Admission.Granted) {
      return new Verdict.Granted(request.id(), request.decidedBy());
    }
    Optional<ApprovalRequest> decided = waitFor(request, call);
    if (decided.isEmpty()) {
      return refused(
          "approval "
              + request.id()
              + " is pending; retry the same call after it is approved ("
              + decision.reason()
              + ")",
          rule,
          decision);
    }
    ApprovalRequest settled = decided.get();
    return switch (settled.state()) {
      case APPROVED ->
          queue.useGrant(settled.id(), call.callId())
              ? new Verdict.Granted(settled.id(), settled.decidedBy())
              : refused(
                  "approval "
                      + settled.id()
                      + " was already used by another call; ask again by retrying this call",
                  rule,
                  decision);
      case DENIED ->
          refused(
              "denied by " + settled.decidedBy() + ": " + note(settled, "no reason given"),
              rule,
              decision);
      case CANCELLED ->
          refused(
              "approval "
                  + settled.id()
                  + " was cancelled by "
                  + settled.decidedBy()
                  + ": "
                  + note(settled, "no reason given"),
              rule,
              decision);
      case EXPIRED ->
          refused(
              "approval " + settled.id() + " expired without a decision; the call was not made",
              rule,
              decision);
      case PENDING -> throw new IllegalStateException("a settled request is never pending");
    };
  }

  /** Waits for a decision, reporting progress; empty when the hold ends first. */
  private Optional<ApprovalRequest> waitFor(ApprovalRequest request, ToolCall call) {
    CompletableFuture<ApprovalRequest> future = waiters.await(request.id());
    if (!future.isDone()) {
      // A decision made elsewhere between opening the request and registering the wait would have
      // found nobody waiting: look once, rather than wait for the next check.
      queue
          .find(request.id())
          .filter(r -> r.state() != ApprovalState.PENDING)
          .ifPresent(waiters::decided);
    }
    long started = System.nanoTime();
    long deadline = started + hold.toNanos();
    try {
      while (true) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return Optional.empty();
        }
        try {
          return Optional.of(
              future.get(Math.min(left, progressEvery.toNanos()), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
          double waited = (System.nanoTime() - started) / 1e9;
          call.client()
              .progress(
                  waited,
                  hold.toMillis() / 1e3,
                  "waiting for a human to approve (approval " + request.id() + ")");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } catch (ExecutionException e) {
      throw new IllegalStateException("approval wait failed", e.getCause());
    } finally {
      waiters.release(request.id(), future);
    }
  }

  private static String note(ApprovalRequest request, String fallback) {
    String note = request.decision().map(ApprovalRequest.Decision::note).orElse("");
    return note.isBlank() ? fallback : note;
  }

  private static Verdict refused(String reason, String rule, Decision decision) {
    return new Verdict.Refused(
        new Outcome.Denied(Outcome.Kind.APPROVAL, reason, rule, decision.findings()));
  }

  private static String findings(List<Finding> findings) {
    return findings.stream()
        .map(f -> f.detector() + "@" + f.pointer())
        .collect(Collectors.joining(","));
  }
}
