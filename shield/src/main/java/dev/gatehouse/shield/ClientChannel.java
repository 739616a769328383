package dev.gatehouse.shield;

import io.modelcontextprotocol.spec.McpSchema;
import reactor.core.publisher.Mono;

/**
 * What a stage may send back to the calling agent while its call is still running. Implementations
 * route to the exact MCP request that made the call, so one agent never sees another's progress.
 */
public interface ClientChannel {

  /**
   * Reports progress on this call. Dropped when the agent supplied no progress token.
   *
   * @param progress progress so far
   * @param total the total, when known ({@code null} otherwise, as in the MCP schema)
   * @param message a human-readable note, or {@code null}
   */
  void progress(double progress, Double total, String message);

  /** Forwards a log message to the agent's session, subject to the level the agent asked for. */
  void log(McpSchema.LoggingMessageNotification message);

  /**
   * Asks the calling agent to sample its model for the upstream that handles this call ({@code
   * sampling/createMessage}); fails when the agent did not declare the sampling capability.
   */
  default Mono<McpSchema.CreateMessageResult> createMessage(
      McpSchema.CreateMessageRequest request) {
    return Mono.error(new IllegalStateException("no agent is listening on this call"));
  }

  /**
   * Asks the calling agent's user for input on behalf of the upstream that handles this call
   * ({@code elicitation/create}); fails when the agent did not declare the elicitation capability.
   */
  default Mono<McpSchema.ElicitResult> elicit(McpSchema.ElicitRequest request) {
    return Mono.error(new IllegalStateException("no agent is listening on this call"));
  }

  /** A channel that drops everything: for calls with nobody listening (tests, policy tests). */
  ClientChannel NONE =
      new ClientChannel() {
        @Override
        public void progress(double progress, Double total, String message) {}

        @Override
        public void log(McpSchema.LoggingMessageNotification message) {}
      };
}
