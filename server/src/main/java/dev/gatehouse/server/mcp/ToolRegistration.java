package dev.gatehouse.server.mcp;

import dev.gatehouse.connectors.ToolCatalog;
import dev.gatehouse.shield.ToolDefinition;
import io.modelcontextprotocol.server.McpAsyncServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the SDK server's tool list equal to the catalog. The SDK announces each change to connected
 * agents with {@code notifications/tools/list_changed}. A tool whose schema the SDK refuses is left
 * out and reported, never taking the gateway down.
 */
public final class ToolRegistration {
  private static final Logger log = LoggerFactory.getLogger(ToolRegistration.class);
  private static final Duration SDK_TIMEOUT = Duration.ofSeconds(10);

  private final McpAsyncServer server;
  private final ToolCallHandler handler;
  private final Map<String, McpSchema.Tool> registered = new HashMap<>();
  private final Map<String, String> refused = new ConcurrentHashMap<>();

  public ToolRegistration(McpAsyncServer server, ToolCallHandler handler) {
    this.server = server;
    this.handler = handler;
  }

  /** Applies a catalog snapshot: removes what is gone or changed, adds what is new. */
  public synchronized void sync(ToolCatalog.Snapshot snapshot) {
    Map<String, ToolDefinition> wanted = snapshot.tools();
    for (String name : Set.copyOf(registered.keySet())) {
      ToolDefinition next = wanted.get(name);
      if (next == null || !next.tool().equals(registered.get(name))) {
        server.removeTool(name).block(SDK_TIMEOUT);
        registered.remove(name);
      }
    }
    refused.keySet().retainAll(wanted.keySet());
    for (ToolDefinition definition : wanted.values()) {
      if (registered.containsKey(definition.exposedName())) {
        continue;
      }
      try {
        server
            .addTool(
                new McpServerFeatures.AsyncToolSpecification(definition.tool(), handler::handle))
            .block(SDK_TIMEOUT);
        registered.put(definition.exposedName(), definition.tool());
        refused.remove(definition.exposedName());
      } catch (RuntimeException e) {
        String why = "its schema was refused: " + e.getMessage();
        refused.put(definition.exposedName(), why);
        log.warn(
            "tool {} of upstream {} is not served: {}",
            definition.exposedName(),
            definition.upstream(),
            why);
      }
    }
  }

  /** Whether the SDK server answers calls to {@code exposedName} now. */
  public synchronized boolean isRegistered(String exposedName) {
    return registered.containsKey(exposedName);
  }

  /** Tools in the catalog that the SDK refused, with the reason. */
  public List<String> problems() {
    return refused.entrySet().stream()
        .map(e -> "tool " + e.getKey() + " is not served: " + e.getValue())
        .sorted()
        .toList();
  }
}
