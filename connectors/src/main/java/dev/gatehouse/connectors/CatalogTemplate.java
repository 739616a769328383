package dev.gatehouse.connectors;

import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.util.DefaultMcpUriTemplateManager;

/** A resource template an upstream lists; the URIs it matches belong to that upstream. */
public record CatalogTemplate(String upstream, McpSchema.ResourceTemplate template) {
  public boolean matches(String uri) {
    return new DefaultMcpUriTemplateManager(template.uriTemplate()).matches(uri);
  }
}
