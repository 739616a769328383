/**
 * The agent-facing MCP server, built on the SDK's async server: one routing handler per catalog
 * tool, per-agent tool visibility, per-call progress back to the calling request, and cancellation
 * (which the SDK does not handle) through {@link dev.gatehouse.server.mcp.CallRegistry}.
 */
package dev.gatehouse.server.mcp;
