package dev.gatehouse.shield.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.shield.AgentIdentity;
import dev.gatehouse.shield.Feature;
import java.util.List;

/**
 * What a policy looks at: who uses which tool, prompt or resource of which upstream, with what
 * arguments.
 *
 * @param name the tool or prompt name (namespaced), or the resource URI
 * @param templates the text of the resource templates a read is served through; rules that deny,
 *     approve or redact apply when they name one of them (rules that allow must name the URI)
 */
public record PolicyInput(
    AgentIdentity agent,
    Feature feature,
    String name,
    String upstream,
    JsonNode arguments,
    List<String> templates) {
  public PolicyInput {
    templates = List.copyOf(templates);
  }

  /** Anything but a resource read through a template. */
  public PolicyInput(
      AgentIdentity agent, Feature feature, String name, String upstream, JsonNode arguments) {
    this(agent, feature, name, upstream, arguments, List.of());
  }

  /** The same use, naming {@code other} instead (a template's text). */
  PolicyInput naming(String other) {
    return new PolicyInput(agent, feature, other, upstream, arguments);
  }

  /** A tool call. */
  public static PolicyInput tool(
      AgentIdentity agent, String tool, String upstream, JsonNode arguments) {
    return new PolicyInput(agent, Feature.TOOL, tool, upstream, arguments);
  }
}
