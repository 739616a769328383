package dev.gatehouse.connectors;

import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.util.DefaultMcpUriTemplateManager;
import io.modelcontextprotocol.util.McpUriTemplateManager;

/**
 * A resource template an upstream lists; the URIs it matches belong to that upstream. Its matcher
 * is built once, with the catalog snapshot, not on every resource read.
 */
public final class CatalogTemplate {
  private final String upstream;
  private final McpSchema.ResourceTemplate template;
  private final McpUriTemplateManager matcher;

  public CatalogTemplate(String upstream, McpSchema.ResourceTemplate template) {
    this.upstream = upstream;
    this.template = template;
    this.matcher = new DefaultMcpUriTemplateManager(template.uriTemplate());
  }

  public String upstream() {
    return upstream;
  }

  public McpSchema.ResourceTemplate template() {
    return template;
  }

  public boolean matches(String uri) {
    return matcher.matches(uri);
  }
}
