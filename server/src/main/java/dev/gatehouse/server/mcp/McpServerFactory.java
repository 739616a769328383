package dev.gatehouse.server.mcp;

import dev.gatehouse.server.Gateway;
import io.modelcontextprotocol.server.McpAsyncServer;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import reactor.core.publisher.Mono;

/**
 * Configures the SDK's async server the same way for the HTTP and the stdio front door, and keeps
 * it in step with the gateway: its catalog, what each agent may see, and resource updates.
 */
public final class McpServerFactory {
  public static final String SERVER_NAME = "gatehouse";
  public static final String VERSION = "0.1.0";
  private static final Duration CLIENT_REQUEST_TIMEOUT = Duration.ofMinutes(10);

  private final Gateway gateway;
  private final Callers callers;

  public McpServerFactory(Gateway gateway, Callers callers) {
    this.gateway = gateway;
    this.callers = callers;
  }

  /** A configured SDK server and what keeps its registries equal to the catalog. */
  public record Served(McpAsyncServer server, CatalogRegistration registration) {}

  public Served build(McpServer.AsyncSpecification<?> specification) {
    Visibility visibility = gateway.visibility();
    McpAsyncServer server =
        specification
            .jsonMapper(gateway.json())
            .serverInfo(SERVER_NAME, VERSION)
            .instructions(
                "Gatehouse relays the tools, prompts and resources of the servers behind it. A"
                    + " refused call says why in one line; follow that line rather than retrying"
                    + " blindly.")
            .capabilities(
                McpSchema.ServerCapabilities.builder()
                    .tools(true)
                    .prompts(true)
                    .resources(true, true)
                    .completions()
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
                                    gateway
                                        .catalog()
                                        .find(tool.name())
                                        .map(definition -> visibility.isVisible(agent, definition)))
                            .orElse(false)))
            .build();
    CatalogRegistration registration =
        new CatalogRegistration(
            server,
            new ToolCallHandler(
                new RequestRunner(
                    gateway.pipelineInUse(), callers, gateway.calls(), gateway.mapper())));
    // Catalog listeners of two upstreams may run in any order: always apply the newest snapshot,
    // read under the registration's lock, so an older one never undoes a newer one.
    gateway.catalog().onChange(ignored -> registration.sync(gateway.catalog()));
    gateway.onVisibilityChange(
        () ->
            server
                .notifyToolsListChanged()
                .then(server.notifyPromptsListChanged())
                .then(server.notifyResourcesListChanged())
                .subscribe(null, error -> {}));
    gateway.onResourceUpdated(
        uri ->
            server
                .notifyResourcesUpdated(new McpSchema.ResourcesUpdatedNotification(uri))
                .subscribe(null, error -> {}));
    registration.sync(gateway.catalog());
    return new Served(server, registration);
  }
}
