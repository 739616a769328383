package dev.gatehouse.shield;

import io.modelcontextprotocol.spec.McpSchema;

/**
 * One prompt of the catalog, namespaced like tools.
 *
 * @param exposedName the name an agent asks for ({@code github__review})
 * @param upstream the configured upstream's name
 * @param upstreamName the prompt's own name at the upstream
 * @param prompt the definition as listed to agents (its name is {@code exposedName})
 */
public record PromptDefinition(
    String exposedName, String upstream, String upstreamName, McpSchema.Prompt prompt)
    implements Target {
  @Override
  public Feature feature() {
    return Feature.PROMPT;
  }
}
