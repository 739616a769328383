package dev.gatehouse.connectors;

/** JSON-RPC method names the MCP SDK has no constant for. */
public final class McpMethods {
  public static final String NOTIFICATION_CANCELLED = "notifications/cancelled";

  private McpMethods() {}
}
