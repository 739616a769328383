package dev.gatehouse.server.mcp;

import dev.gatehouse.shield.AgentIdentity;
import dev.gatehouse.shield.ToolDefinition;

/**
 * Whether a tool is listed to an agent. Listing is not a guard: a hidden tool that is called anyway
 * is refused by the pipeline.
 */
@FunctionalInterface
public interface ToolVisibility {
  boolean isVisible(AgentIdentity agent, ToolDefinition tool);
}
