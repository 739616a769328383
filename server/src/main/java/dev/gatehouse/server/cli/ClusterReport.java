package dev.gatehouse.server.cli;

import dev.gatehouse.server.ClusterView;
import dev.gatehouse.server.cluster.NodeHeartbeat;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The cluster part of {@code gatehouse status}, for a person: the shared stores' health and the
 * nodes seen recently, with the nodes whose policy revision differs from this node's flagged.
 */
final class ClusterReport {
  private ClusterReport() {}

  /**
   * @param ownRevision the policy revision this node's {@code /healthz} reported, when it answered
   * @return whether every configured shared store answers
   */
  static boolean print(
      PrintWriter out, ClusterView view, Optional<String> ownRevision, Instant now) {
    out.printf(
        "cluster: node %s, redis %s, postgresql %s%n",
        view.nodeId(),
        view.redis().orElse("not configured"),
        view.postgres().orElse("not configured"));
    if (view.redis().isEmpty()) {
      out.println("nodes: not shown (each node announces itself in cluster.redis)");
      return healthy(view);
    }
    Optional<String> reference = ownRevision.or(() -> mostCommonRevision(view));
    out.printf(
        "%-22s %-10s %-14s %-11s %-22s %s%n",
        "NODE", "VERSION", "POLICY", "KILL SWITCH", "STARTED", "LAST SEEN");
    boolean anyDiffers = false;
    for (NodeHeartbeat.Beat beat : view.nodes()) {
      boolean differs = reference.isPresent() && !reference.get().equals(beat.policyRevision());
      anyDiffers |= differs;
      out.printf(
          "%-22s %-10s %-14s %-11s %-22s %s%n",
          beat.node() + (beat.node().equals(view.nodeId()) ? " (this)" : ""),
          beat.version(),
          beat.policyRevision() + (differs ? " *" : ""),
          beat.killSwitch(),
          beat.started().truncatedTo(ChronoUnit.SECONDS),
          ago(Duration.between(beat.lastSeen(), now)));
    }
    if (view.nodes().isEmpty()) {
      out.printf("no node seen in the last %ds%n", NodeHeartbeat.TTL.toSeconds());
    }
    if (anyDiffers) {
      out.printf(
          "* policy revision differs from %s (%s): the nodes do not enforce the same policy set"
              + " (see each node's log for a rejected set)%n",
          ownRevision.isPresent() ? "this node's" : "most nodes'", reference.get());
    }
    return healthy(view);
  }

  private static boolean healthy(ClusterView view) {
    return view.redis().map(ClusterView.OK::equals).orElse(true)
        && view.postgres().map(ClusterView.OK::equals).orElse(true);
  }

  private static Optional<String> mostCommonRevision(ClusterView view) {
    return view.nodes().stream()
        .collect(Collectors.groupingBy(NodeHeartbeat.Beat::policyRevision, Collectors.counting()))
        .entrySet()
        .stream()
        .max(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
        .map(Map.Entry::getKey);
  }

  private static String ago(Duration age) {
    long millis = Math.max(0, age.toMillis());
    return String.format(java.util.Locale.ROOT, "%.1fs ago", millis / 1000.0);
  }
}
