package dev.gatehouse.shield;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.Optional;

/**
 * One tool call on its way through the {@link Pipeline}. Immutable: a stage that learns something
 * (the resolved tool) passes a new instance on with {@link #withTarget(ToolDefinition)}.
 *
 * @param callId Gatehouse's own id for this call, in logs, audit records and incident reports
 * @param agent the authenticated caller
 * @param sessionId the MCP session the call arrived on
 * @param tool the tool name as the agent sent it (namespaced)
 * @param arguments the call's arguments, a JSON object; stages must treat it as read-only
 * @param client the way back to the calling agent for progress and log messages
 * @param target the catalog entry the name resolved to, once the resolve stage has run
 */
public record ToolCall(
    String callId,
    AgentIdentity agent,
    String sessionId,
    String tool,
    JsonNode arguments,
    ClientChannel client,
    Optional<ToolDefinition> target) {

  public ToolCall {
    Objects.requireNonNull(callId, "callId");
    Objects.requireNonNull(agent, "agent");
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(target, "target");
    if (arguments == null || !arguments.isObject()) {
      throw new IllegalArgumentException("tool call arguments must be a JSON object");
    }
  }

  /** A call that has not been resolved against the catalog yet. */
  public static ToolCall of(
      String callId,
      AgentIdentity agent,
      String sessionId,
      String tool,
      JsonNode arguments,
      ClientChannel client) {
    return new ToolCall(callId, agent, sessionId, tool, arguments, client, Optional.empty());
  }

  public ToolCall withTarget(ToolDefinition definition) {
    return new ToolCall(callId, agent, sessionId, tool, arguments, client, Optional.of(definition));
  }

  /** The resolved tool; a stage after the resolve stage may rely on it. */
  public ToolDefinition resolved() {
    return target.orElseThrow(
        () -> new IllegalStateException("tool call " + callId + " used before it was resolved"));
  }
}
