package dev.gatehouse.server.mcp;

import dev.gatehouse.shield.AgentIdentity;
import io.modelcontextprotocol.common.McpTransportContext;
import java.util.Optional;

/** Who is behind an MCP request: read from the transport context (HTTP) or fixed (stdio). */
@FunctionalInterface
public interface Callers {
  /** The transport-context key the HTTP front door stores the authenticated agent under. */
  String AGENT_KEY = "dev.gatehouse/agent";

  Optional<AgentIdentity> of(McpTransportContext context);

  /** For HTTP: the agent the bearer filter authenticated for this request. */
  static Callers fromTransportContext() {
    return context ->
        context.get(AGENT_KEY) instanceof AgentIdentity agent
            ? Optional.of(agent)
            : Optional.empty();
  }

  /** For stdio: the one agent whose token started the process. */
  static Callers fixed(AgentIdentity agent) {
    return context -> Optional.of(agent);
  }
}
