package dev.gatehouse.connectors;

import dev.gatehouse.shield.ClientChannel;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;

/** A real tool server behind Gatehouse, kept running by the gateway. */
public interface Upstream extends AutoCloseable {
  String name();

  UpstreamSpec spec();

  /** Starts connecting in the background; a failure schedules a restart, it is never thrown. */
  void start();

  UpstreamStatus status();

  /** The tools it lists now, as the upstream names them; empty while it is not ready. */
  List<McpSchema.Tool> tools();

  /**
   * Registers a callback run whenever {@link #tools()} (or the prompts, resources or templates) may
   * have changed.
   */
  void onListsChanged(Runnable listener);

  /** The prompts it lists now, as the upstream names them; empty while it is not ready. */
  default List<McpSchema.Prompt> prompts() {
    return List.of();
  }

  /** The resources it lists now; empty while it is not ready. */
  default List<McpSchema.Resource> resources() {
    return List.of();
  }

  /** The resource templates it lists now; empty while it is not ready. */
  default List<McpSchema.ResourceTemplate> resourceTemplates() {
    return List.of();
  }

  /**
   * Gets one prompt. Blocks the calling (virtual) thread like {@link #call}.
   *
   * @param prompt the prompt's name at the upstream
   */
  default McpSchema.GetPromptResult getPrompt(
      String prompt, Map<String, Object> arguments, ClientChannel client) {
    throw new UpstreamException(
        UpstreamException.Reason.PROTOCOL_ERROR, "upstream " + name() + " serves no prompts");
  }

  /** Reads one resource. Blocks the calling (virtual) thread like {@link #call}. */
  default McpSchema.ReadResourceResult readResource(String uri, ClientChannel client) {
    throw new UpstreamException(
        UpstreamException.Reason.PROTOCOL_ERROR, "upstream " + name() + " serves no resources");
  }

  /**
   * Completes a prompt or resource-template argument; the reference uses the upstream's own names.
   */
  default McpSchema.CompleteResult complete(McpSchema.CompleteRequest request) {
    return new McpSchema.CompleteResult(
        new McpSchema.CompleteResult.CompleteCompletion(List.of(), 0, false));
  }

  /** Asks the upstream to report changes of {@code uri} (see {@link #onResourceUpdated}). */
  default void subscribe(String uri) {
    throw new UpstreamException(
        UpstreamException.Reason.PROTOCOL_ERROR,
        "upstream " + name() + " does not offer resource subscriptions");
  }

  /** Stops the reports asked for by {@link #subscribe}. */
  default void unsubscribe(String uri) {}

  /** Registers a callback run with a resource's URI whenever the upstream says it changed. */
  default void onResourceUpdated(java.util.function.Consumer<String> listener) {}

  /**
   * Calls one tool and waits for its result. Blocks the calling (virtual) thread; an interrupt
   * cancels the call upstream.
   *
   * @param tool the tool's name at the upstream
   * @param client where progress and log messages for this call go
   * @throws UpstreamException when the upstream is down, times out, or the call is cancelled
   */
  McpSchema.CallToolResult call(String tool, Map<String, Object> arguments, ClientChannel client);

  /** Stops the upstream; for a child process, kills it and every process it started. */
  @Override
  void close();
}
