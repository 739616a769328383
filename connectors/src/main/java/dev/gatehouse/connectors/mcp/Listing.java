package dev.gatehouse.connectors.mcp;

import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * What an upstream MCP server lists: tools, prompts, resources and resource templates, each read
 * through every page. A family the server's capabilities do not declare is empty.
 */
record Listing(
    List<McpSchema.Tool> tools,
    List<McpSchema.Prompt> prompts,
    List<McpSchema.Resource> resources,
    List<McpSchema.ResourceTemplate> templates) {

  Listing {
    tools = List.copyOf(tools);
    prompts = List.copyOf(prompts);
    resources = List.copyOf(resources);
    templates = List.copyOf(templates);
  }

  /** Reads everything the connected server declares. */
  static Listing of(McpAsyncClient client, Duration timeout) {
    McpSchema.ServerCapabilities capabilities = client.getServerCapabilities();
    boolean hasResources = capabilities != null && capabilities.resources() != null;
    return new Listing(
        tools(client, timeout),
        capabilities != null && capabilities.prompts() != null
            ? prompts(client, timeout)
            : List.of(),
        hasResources ? resources(client, timeout) : List.of(),
        hasResources ? templates(client, timeout) : List.of());
  }

  Listing withTools(List<McpSchema.Tool> newTools) {
    return new Listing(newTools, prompts, resources, templates);
  }

  Listing withPrompts(List<McpSchema.Prompt> newPrompts) {
    return new Listing(tools, newPrompts, resources, templates);
  }

  Listing withResources(
      List<McpSchema.Resource> newResources, List<McpSchema.ResourceTemplate> newTemplates) {
    return new Listing(tools, prompts, newResources, newTemplates);
  }

  static List<McpSchema.Tool> tools(McpAsyncClient client, Duration timeout) {
    return pages(
        cursor -> client.listTools(cursor),
        McpSchema.ListToolsResult::tools,
        McpSchema.ListToolsResult::nextCursor,
        timeout);
  }

  static List<McpSchema.Prompt> prompts(McpAsyncClient client, Duration timeout) {
    return pages(
        cursor -> client.listPrompts(cursor),
        McpSchema.ListPromptsResult::prompts,
        McpSchema.ListPromptsResult::nextCursor,
        timeout);
  }

  static List<McpSchema.Resource> resources(McpAsyncClient client, Duration timeout) {
    return pages(
        cursor -> client.listResources(cursor),
        McpSchema.ListResourcesResult::resources,
        McpSchema.ListResourcesResult::nextCursor,
        timeout);
  }

  static List<McpSchema.ResourceTemplate> templates(McpAsyncClient client, Duration timeout) {
    return pages(
        cursor -> client.listResourceTemplates(cursor),
        McpSchema.ListResourceTemplatesResult::resourceTemplates,
        McpSchema.ListResourceTemplatesResult::nextCursor,
        timeout);
  }

  private static <P, T> List<T> pages(
      Function<String, Mono<P>> list,
      Function<P, List<T>> items,
      Function<P, String> next,
      Duration timeout) {
    List<T> all = new ArrayList<>();
    String cursor = null;
    do {
      P page = list.apply(cursor).block(timeout);
      if (page == null) {
        break;
      }
      if (items.apply(page) != null) {
        all.addAll(items.apply(page));
      }
      cursor = next.apply(page);
    } while (cursor != null && !cursor.isEmpty());
    return all;
  }
}
