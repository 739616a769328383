package dev.gatehouse.shield;

import io.modelcontextprotocol.spec.McpSchema;

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

  /** A channel that drops everything: for calls with nobody listening (tests, policy tests). */
  ClientChannel NONE =
      new ClientChannel() {
        @Override
        public void progress(double progress, Double total, String message) {}

        @Override
        public void log(McpSchema.LoggingMessageNotification message) {}
      };
}
