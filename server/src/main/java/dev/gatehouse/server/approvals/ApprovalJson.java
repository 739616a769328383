package dev.gatehouse.server.approvals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.approvals.ApprovalRequest;

/** An approval request as the admin API shows it. */
public final class ApprovalJson {
  private ApprovalJson() {}

  public static ObjectNode of(ObjectMapper mapper, ApprovalRequest r) {
    ObjectNode node = mapper.createObjectNode();
    node.put("id", r.id());
    node.put("state", r.state().word());
    node.put("agent", r.agent());
    node.put("tool", r.tool());
    node.put("upstream", r.upstream());
    node.put("rule_id", r.ruleId());
    node.put("reason", r.reason());
    node.put("arguments", r.arguments());
    node.put("arguments_sha256", r.binding().argumentsDigest());
    node.put("policy_revision", r.binding().policyRevision());
    node.put("findings", r.findings());
    node.put("call_id", r.callId());
    node.put("created_at", r.createdAt().toString());
    node.put("expires_at", r.expiresAt().toString());
    r.decision()
        .ifPresent(
            d -> {
              ObjectNode decision = node.putObject("decision");
              decision.put("by", d.by());
              decision.put("at", d.at().toString());
              decision.put("note", d.note());
              d.grantUntil().ifPresent(u -> decision.put("grant_until", u.toString()));
              decision.put("uses_left", d.usesLeft() == Integer.MAX_VALUE ? -1 : d.usesLeft());
            });
    return node;
  }
}
