package dev.gatehouse.shield;

import io.modelcontextprotocol.spec.McpSchema;

/**
 * One tool of the catalog: the name an agent sees, the upstream that serves it, and the name the
 * upstream knows it by.
 *
 * @param exposedName the namespaced name an agent calls ({@code github__create_issue})
 * @param upstream the configured upstream's name ({@code github})
 * @param upstreamToolName the tool's own name at the upstream ({@code create_issue})
 * @param tool the definition as listed to agents (its name is {@code exposedName})
 */
public record ToolDefinition(
    String exposedName, String upstream, String upstreamToolName, McpSchema.Tool tool)
    implements Target {
  public ToolDefinition {
    if (!tool.name().equals(exposedName)) {
      throw new IllegalArgumentException(
          "tool definition " + tool.name() + " listed under another name: " + exposedName);
    }
  }

  @Override
  public String upstreamName() {
    return upstreamToolName;
  }

  @Override
  public Feature feature() {
    return Feature.TOOL;
  }
}
