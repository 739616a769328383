package dev.gatehouse.server.mcp;

import dev.gatehouse.shield.AgentIdentity;
import dev.gatehouse.shield.Target;

/**
 * Whether a tool, prompt or resource is listed to an agent. Listing is not a guard: a hidden one
 * that is used anyway is refused by the pipeline.
 */
@FunctionalInterface
public interface Visibility {
  boolean isVisible(AgentIdentity agent, Target target);
}
