/**
 * MCP upstreams: the SDK's async client over stdio (our own transport: clean environment, process
 * tree kill, tolerant of stray output), Streamable HTTP and legacy SSE; supervision with restart
 * and backoff; per-call progress routing and cancellation.
 */
package dev.gatehouse.connectors.mcp;
