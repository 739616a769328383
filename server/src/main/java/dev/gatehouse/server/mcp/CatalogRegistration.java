package dev.gatehouse.server.mcp;

import dev.gatehouse.connectors.CatalogResource;
import dev.gatehouse.connectors.CatalogTemplate;
import dev.gatehouse.connectors.ToolCatalog;
import dev.gatehouse.shield.PromptDefinition;
import dev.gatehouse.shield.ToolDefinition;
import io.modelcontextprotocol.server.McpAsyncServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Keeps the SDK server's tools, prompts, resources and resource templates equal to the catalog,
 * every one of them behind the same handler and so the same pipeline. The SDK announces each change
 * to connected agents with the matching {@code list_changed} notification.
 */
public final class CatalogRegistration {
  private final Registrations<McpSchema.Tool> tools;
  private final Registrations<McpSchema.Prompt> prompts;
  private final Registrations<McpSchema.Resource> resources;
  private final Registrations<McpSchema.ResourceTemplate> templates;

  public CatalogRegistration(McpAsyncServer server, ToolCallHandler handler) {
    this.tools =
        new Registrations<>(
            "tool",
            tool ->
                server.addTool(new McpServerFeatures.AsyncToolSpecification(tool, handler::handle)),
            server::removeTool);
    this.prompts =
        new Registrations<>(
            "prompt",
            prompt ->
                server.addPrompt(
                    new McpServerFeatures.AsyncPromptSpecification(prompt, handler::prompt)),
            server::removePrompt);
    this.resources =
        new Registrations<>(
            "resource",
            resource ->
                server.addResource(
                    new McpServerFeatures.AsyncResourceSpecification(resource, handler::read)),
            server::removeResource);
    this.templates =
        new Registrations<>(
            "resource template",
            template ->
                server.addResourceTemplate(
                    new McpServerFeatures.AsyncResourceTemplateSpecification(
                        template, handler::read)),
            server::removeResourceTemplate);
  }

  /** Applies the catalog's newest snapshot, read under this registration's lock. */
  public synchronized void sync(ToolCatalog catalog) {
    sync(catalog.snapshot());
  }

  /** Applies a catalog snapshot. */
  public synchronized void sync(ToolCatalog.Snapshot snapshot) {
    tools.sync(
        values(snapshot.tools(), ToolDefinition::tool),
        values(snapshot.tools(), ToolDefinition::upstream));
    prompts.sync(
        values(snapshot.prompts(), PromptDefinition::prompt),
        values(snapshot.prompts(), PromptDefinition::upstream));
    resources.sync(
        values(snapshot.resources(), CatalogResource::resource),
        values(snapshot.resources(), CatalogResource::upstream));
    Map<String, McpSchema.ResourceTemplate> byTemplate = new LinkedHashMap<>();
    Map<String, String> templateUpstreams = new LinkedHashMap<>();
    for (CatalogTemplate template : snapshot.templates()) {
      byTemplate.putIfAbsent(template.template().uriTemplate(), template.template());
      templateUpstreams.putIfAbsent(template.template().uriTemplate(), template.upstream());
    }
    templates.sync(byTemplate, templateUpstreams);
  }

  /** Whether the SDK server answers calls to the tool {@code exposedName} now. */
  public boolean isRegistered(String exposedName) {
    return tools.isRegistered(exposedName);
  }

  /** Catalog entries the SDK refused, with the reason. */
  public List<String> problems() {
    List<String> all = new ArrayList<>(tools.problems());
    all.addAll(prompts.problems());
    all.addAll(resources.problems());
    all.addAll(templates.problems());
    return all;
  }

  private static <E, V> Map<String, V> values(Map<String, E> entries, Function<E, V> value) {
    Map<String, V> out = new LinkedHashMap<>();
    entries.forEach((key, entry) -> out.put(key, value.apply(entry)));
    return out;
  }
}
