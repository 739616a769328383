package dev.gatehouse.shield.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.shield.AgentIdentity;
import dev.gatehouse.shield.Feature;

/**
 * What a policy looks at: who uses which tool, prompt or resource of which upstream, with what
 * arguments.
 *
 * @param name the tool or prompt name (namespaced), or the resource URI
 */
public record PolicyInput(
    AgentIdentity agent, Feature feature, String name, String upstream, JsonNode arguments) {
  /** A tool call. */
  public static PolicyInput tool(
      AgentIdentity agent, String tool, String upstream, JsonNode arguments) {
    return new PolicyInput(agent, Feature.TOOL, tool, upstream, arguments);
  }
}
