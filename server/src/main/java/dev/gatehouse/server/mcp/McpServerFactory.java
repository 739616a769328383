package dev.gatehouse.server.mcp;

import dev.gatehouse.connectors.ToolCatalog;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpAsyncServer;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import reactor.core.publisher.Mono;

/** Configures the SDK's async server the same way for the HTTP and the stdio front door. */
public final class McpServerFactory {
  public static final String SERVER_NAME = "gatehouse";
  public static final String VERSION = "0.1.0";
  private static final Duration CLIENT_REQUEST_TIMEOUT = Duration.ofMinutes(10);

  private final McpJsonMapper json;
  private final ToolCatalog catalog;
  private final ToolVisibility visibility;
  private final Callers callers;

  public McpServerFactory(
      McpJsonMapper json, ToolCatalog catalog, ToolVisibility visibility, Callers callers) {
    this.json = json;
    this.catalog = catalog;
    this.visibility = visibility;
    this.callers = callers;
  }

  public McpAsyncServer build(McpServer.AsyncSpecification<?> specification) {
    return specification
        .jsonMapper(json)
        .serverInfo(SERVER_NAME, VERSION)
        .instructions(
            "Gatehouse relays the tools of the servers behind it. A refused call says why in one"
                + " line; follow that line rather than retrying blindly.")
        .capabilities(
            McpSchema.ServerCapabilities.builder()
                .tools(true)
                .prompts(false)
                .resources(false, false)
                .logging()
                .build())
        // The pipeline's ValidateStage owns argument validation and its messages.
        .validateToolInputs(false)
        .requestTimeout(CLIENT_REQUEST_TIMEOUT)
        .addToolFilter(
            (context, tool) ->
                Mono.just(
                    callers
                        .of(context)
                        .flatMap(
                            agent ->
                                catalog
                                    .find(tool.name())
                                    .map(definition -> visibility.isVisible(agent, definition)))
                        .orElse(false)))
        .build();
  }
}
