/**
 * The pipeline contract every tool call passes through: {@link dev.gatehouse.shield.ToolCall},
 * {@link dev.gatehouse.shield.Stage}, {@link dev.gatehouse.shield.Chain}, {@link
 * dev.gatehouse.shield.Outcome} and {@link dev.gatehouse.shield.Pipeline}.
 *
 * <p>This module holds policy, detection and redaction logic only. It must not depend on any other
 * Gatehouse module, on HTTP servers or clients, on databases, or on the MCP SDK's transports (it
 * uses the SDK's {@code McpSchema} records as plain data).
 */
package dev.gatehouse.shield;
