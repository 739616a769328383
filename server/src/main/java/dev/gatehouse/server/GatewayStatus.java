package dev.gatehouse.server;

import dev.gatehouse.connectors.UpstreamState;
import dev.gatehouse.connectors.UpstreamStatus;
import dev.gatehouse.server.killswitch.KillSwitchState;
import dev.gatehouse.shield.redact.SecretRedactor;
import java.util.List;

/**
 * What {@code /healthz} serves and {@code gatehouse status} prints. {@code /healthz} answers
 * without a login, and an upstream's error text may echo what was injected into its request, so
 * every upstream detail and problem has each vault secret masked.
 *
 * @param status {@code ok} when every upstream is ready, every shared store (cluster mode) answers
 *     and the kill switch is off, {@code degraded} otherwise
 * @param policyRevision the revision of the policy set in force ({@code none}: every call refused)
 * @param failedPolicyReloads edits of the policy directory rejected since start (the last good set
 *     stayed in force)
 * @param problems catalog and registration problems (tools not served, and why), shared stores that
 *     do not answer, and the kill switch while it refuses requests
 * @param killSwitch {@code off}, {@code on} (every request refused) or {@code unknown} (the store
 *     cannot be read: every request refused)
 */
public record GatewayStatus(
    String status,
    String version,
    int tools,
    String policyRevision,
    long failedPolicyReloads,
    List<UpstreamStatus> upstreams,
    List<String> problems,
    String killSwitch) {

  static GatewayStatus of(
      int tools,
      String policyRevision,
      long failedPolicyReloads,
      List<UpstreamStatus> upstreams,
      List<String> problems,
      List<String> sharedStoreProblems,
      KillSwitchState killSwitch,
      SecretRedactor secrets) {
    boolean allReady =
        upstreams.stream().allMatch(u -> u.state() == UpstreamState.READY)
            && sharedStoreProblems.isEmpty()
            && !killSwitch.refuses();
    List<String> all = new java.util.ArrayList<>();
    if (killSwitch.refuses()) {
      // /healthz answers without a login: the operator's name and reason stay behind the admin
      // API and in the refusals agents get.
      all.add(
          "on".equals(killSwitch.word())
              ? "the kill switch is on: every request is refused"
              : "the kill switch cannot be read: every request is refused");
    }
    all.addAll(sharedStoreProblems);
    problems.forEach(problem -> all.add(secrets.redact(problem)));
    return new GatewayStatus(
        allReady ? "ok" : "degraded",
        dev.gatehouse.server.mcp.McpServerFactory.VERSION,
        tools,
        policyRevision,
        failedPolicyReloads,
        upstreams.stream().map(u -> masked(u, secrets)).toList(),
        List.copyOf(all),
        killSwitch.word());
  }

  private static UpstreamStatus masked(UpstreamStatus status, SecretRedactor secrets) {
    String detail = secrets.redact(status.detail());
    return detail == null || detail.equals(status.detail())
        ? status
        : new UpstreamStatus(
            status.name(),
            status.type(),
            status.state(),
            status.since(),
            status.restarts(),
            status.tools(),
            detail,
            status.nextAttempt());
  }
}
