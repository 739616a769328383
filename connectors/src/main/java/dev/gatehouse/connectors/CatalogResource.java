package dev.gatehouse.connectors;

import io.modelcontextprotocol.spec.McpSchema;

/** A resource an upstream lists, as agents see it (URIs are not renamed). */
public record CatalogResource(String upstream, McpSchema.Resource resource) {}
