package dev.gatehouse.shield;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the stages learned about one call while it ran, for the audit record and the metrics: the
 * time spent in each stage (its own, without the stages after it), the policy's matching rules and
 * revision, what it resolved to, and who approved it. Filled in by the stages of the call's own
 * thread, read when the call is over.
 */
public final class CallTrace {
  private final Map<String, Long> stageNanos = new LinkedHashMap<>();
  private List<String> matchedRules = List.of();
  private String policyRevision = "";
  private String approver = "";
  private Target target;

  /** Records the time {@code stage} spent on this call, not counting the stages after it. */
  public synchronized void stage(String stage, long nanos) {
    stageNanos.merge(stage, nanos, Long::sum);
  }

  /** Records the policy decision: every enforced rule that matched, and the set's revision. */
  public synchronized void decision(List<String> matched, String revision) {
    this.matchedRules = List.copyOf(matched);
    this.policyRevision = revision;
  }

  /** Records what the request resolved to in the catalog. */
  public synchronized void resolved(Target resolved) {
    this.target = resolved;
  }

  /** What the request resolved to; empty when it was refused before it was resolved. */
  public synchronized Optional<Target> target() {
    return Optional.ofNullable(target);
  }

  /** Records who let the call through a human approval. */
  public synchronized void approver(String who) {
    this.approver = who;
  }

  /** Stage names and their own times in nanoseconds, in the order the stages ran. */
  public synchronized Map<String, Long> stageNanos() {
    return new LinkedHashMap<>(stageNanos);
  }

  public synchronized List<String> matchedRules() {
    return new ArrayList<>(matchedRules);
  }

  public synchronized String policyRevision() {
    return policyRevision;
  }

  public synchronized Optional<String> approver() {
    return approver.isEmpty() ? Optional.empty() : Optional.of(approver);
  }
}
