package dev.gatehouse.server.mcp;

import dev.gatehouse.shield.Feature;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import reactor.core.publisher.Mono;

/**
 * The one handler behind every catalog tool, prompt and resource: turns the SDK's request into a
 * pipeline run and renders the outcome — a tool result (a refusal is an {@code isError} result), or
 * the prompt or resource (a refusal is a JSON-RPC error).
 */
public final class ToolCallHandler {
  private final RequestRunner runner;

  public ToolCallHandler(RequestRunner runner) {
    this.runner = runner;
  }

  public Mono<McpSchema.CallToolResult> handle(
      McpAsyncServerExchange exchange, McpSchema.CallToolRequest request) {
    return runner
        .run(
            exchange,
            new RequestRunner.Request(
                Feature.TOOL,
                request.name(),
                request.arguments(),
                request.progressToken(),
                request.meta()))
        .map(OutcomeRenderer::render);
  }

  public Mono<McpSchema.GetPromptResult> prompt(
      McpAsyncServerExchange exchange, McpSchema.GetPromptRequest request) {
    return runner
        .run(
            exchange,
            new RequestRunner.Request(
                Feature.PROMPT,
                request.name(),
                request.arguments(),
                request.progressToken(),
                request.meta()))
        .map(outcome -> OutcomeRenderer.result(outcome, McpSchema.GetPromptResult.class));
  }

  public Mono<McpSchema.ReadResourceResult> read(
      McpAsyncServerExchange exchange, McpSchema.ReadResourceRequest request) {
    return runner
        .run(
            exchange,
            new RequestRunner.Request(
                Feature.RESOURCE,
                request.uri(),
                java.util.Map.of(),
                request.progressToken(),
                request.meta()))
        .map(outcome -> OutcomeRenderer.result(outcome, McpSchema.ReadResourceResult.class));
  }
}
