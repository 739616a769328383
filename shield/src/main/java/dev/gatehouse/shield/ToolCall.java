package dev.gatehouse.shield;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.Optional;

/**
 * One agent request on its way through the {@link Pipeline}: a tool call, a prompt request or a
 * resource read. Immutable: a stage that learns something (the resolved target) passes a new
 * instance on with {@link #withTarget(Target)}.
 *
 * @param callId Gatehouse's own id for this call, in logs, audit records and incident reports
 * @param agent the authenticated caller
 * @param sessionId the MCP session the call arrived on
 * @param feature what the request uses
 * @param tool the tool or prompt name as the agent sent it (namespaced), or the resource URI
 * @param arguments the call's arguments, a JSON object; stages must treat it as read-only
 * @param client the way back to the calling agent for progress and log messages
 * @param target the catalog entry the name resolved to, once the resolve stage has run
 * @param trace what the stages learn about the call as it runs (timings, rules, approver)
 */
public record ToolCall(
    String callId,
    AgentIdentity agent,
    String sessionId,
    Feature feature,
    String tool,
    JsonNode arguments,
    ClientChannel client,
    Optional<Target> target,
    CallTrace trace) {

  public ToolCall {
    Objects.requireNonNull(callId, "callId");
    Objects.requireNonNull(agent, "agent");
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(feature, "feature");
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(trace, "trace");
    if (arguments == null || !arguments.isObject()) {
      throw new IllegalArgumentException("tool call arguments must be a JSON object");
    }
  }

  /** A tool call that has not been resolved against the catalog yet. */
  public static ToolCall of(
      String callId,
      AgentIdentity agent,
      String sessionId,
      String tool,
      JsonNode arguments,
      ClientChannel client) {
    return of(callId, agent, sessionId, Feature.TOOL, tool, arguments, client);
  }

  /** A request for any feature that has not been resolved against the catalog yet. */
  public static ToolCall of(
      String callId,
      AgentIdentity agent,
      String sessionId,
      Feature feature,
      String name,
      JsonNode arguments,
      ClientChannel client) {
    return new ToolCall(
        callId,
        agent,
        sessionId,
        feature,
        name,
        arguments,
        client,
        Optional.empty(),
        new CallTrace());
  }

  public ToolCall withTarget(Target resolved) {
    if (resolved.feature() != feature) {
      throw new IllegalArgumentException(
          "a " + feature.word() + " request cannot resolve to a " + resolved.feature().word());
    }
    return new ToolCall(
        callId, agent, sessionId, feature, tool, arguments, client, Optional.of(resolved), trace);
  }

  /** The same request answering through {@code channel} (a stage that filters what goes back). */
  public ToolCall withClient(ClientChannel channel) {
    return new ToolCall(callId, agent, sessionId, feature, tool, arguments, channel, target, trace);
  }

  /** The resolved target; a stage after the resolve stage may rely on it. */
  public Target resolved() {
    return target.orElseThrow(
        () -> new IllegalStateException("request " + callId + " used before it was resolved"));
  }

  /**
   * What the request uses, as the audit trail names it: the tool name, {@code prompt:<name>} or
   * {@code resource:<uri>}.
   */
  public String subject() {
    return feature == Feature.TOOL ? tool : feature.word() + ":" + tool;
  }

  /** The resolved tool, when this is a tool call. */
  public Optional<ToolDefinition> resolvedTool() {
    return resolved() instanceof ToolDefinition tool ? Optional.of(tool) : Optional.empty();
  }
}
