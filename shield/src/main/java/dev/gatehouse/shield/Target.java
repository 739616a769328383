package dev.gatehouse.shield;

/**
 * What a request resolved to in the catalog: the upstream that serves it, and the name the upstream
 * knows it by.
 */
public sealed interface Target permits ToolDefinition, PromptDefinition, ResourceTarget {
  /** The name (or URI) an agent uses. */
  String exposedName();

  /** The configured upstream's name. */
  String upstream();

  /** The name (or URI) at the upstream. */
  String upstreamName();

  Feature feature();
}
