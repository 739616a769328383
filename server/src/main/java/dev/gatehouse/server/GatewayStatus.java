package dev.gatehouse.server;

import dev.gatehouse.connectors.UpstreamState;
import dev.gatehouse.connectors.UpstreamStatus;
import java.util.List;

/**
 * What {@code /healthz} serves and {@code gatehouse status} prints.
 *
 * @param status {@code ok} when every upstream is ready and every shared store (cluster mode)
 *     answers, {@code degraded} otherwise
 * @param policyRevision the revision of the policy set in force ({@code none}: every call refused)
 * @param failedPolicyReloads edits of the policy directory rejected since start (the last good set
 *     stayed in force)
 * @param problems catalog and registration problems (tools not served, and why), and shared stores
 *     that do not answer
 */
public record GatewayStatus(
    String status,
    String version,
    int tools,
    String policyRevision,
    long failedPolicyReloads,
    List<UpstreamStatus> upstreams,
    List<String> problems) {

  static GatewayStatus of(
      int tools,
      String policyRevision,
      long failedPolicyReloads,
      List<UpstreamStatus> upstreams,
      List<String> problems,
      List<String> sharedStoreProblems) {
    boolean allReady =
        upstreams.stream().allMatch(u -> u.state() == UpstreamState.READY)
            && sharedStoreProblems.isEmpty();
    List<String> all = new java.util.ArrayList<>(sharedStoreProblems);
    all.addAll(problems);
    return new GatewayStatus(
        allReady ? "ok" : "degraded",
        dev.gatehouse.server.mcp.McpServerFactory.VERSION,
        tools,
        policyRevision,
        failedPolicyReloads,
        upstreams,
        List.copyOf(all));
  }
}
