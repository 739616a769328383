package dev.gatehouse.server.mcp;

import dev.gatehouse.shield.Outcome;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;

/**
 * Turns an {@link Outcome} into what the agent receives. A refused tool call is a tool result with
 * {@code isError: true} and one line the model can act on, plus the rule id in {@code _meta}; a
 * refused prompt request or resource read is a JSON-RPC error with the same line and data.
 */
final class OutcomeRenderer {
  static final String META_KIND = "dev.gatehouse/denied";
  static final String META_RULE = "dev.gatehouse/rule";

  private OutcomeRenderer() {}

  static McpSchema.CallToolResult render(Outcome outcome) {
    return switch (outcome) {
      case Outcome.Completed completed -> (McpSchema.CallToolResult) completed.result();
      case Outcome.Denied denied -> refusal(denied);
    };
  }

  /**
   * The prompt or resource of a completed request.
   *
   * @throws McpError for a refusal ({@code -32002} when nothing by that name exists)
   */
  static <T extends McpSchema.Result> T result(Outcome outcome, Class<T> type) {
    return switch (outcome) {
      case Outcome.Completed completed -> type.cast(completed.result());
      case Outcome.Denied denied ->
          throw McpError.builder(
                  denied.kind() == Outcome.Kind.UNKNOWN_TOOL
                      ? McpSchema.ErrorCodes.RESOURCE_NOT_FOUND
                      : McpSchema.ErrorCodes.INVALID_REQUEST)
              .message(line(denied))
              .data(meta(denied))
              .build();
    };
  }

  private static String line(Outcome.Denied denied) {
    String rule = denied.ruleId().isEmpty() ? "" : " (rule " + denied.ruleId() + ")";
    return "Gatehouse: " + denied.reason() + rule;
  }

  private static McpSchema.CallToolResult refusal(Outcome.Denied denied) {
    String text = line(denied);
    Map<String, Object> meta = meta(denied);
    return McpSchema.CallToolResult.builder().addTextContent(text).isError(true).meta(meta).build();
  }

  private static Map<String, Object> meta(Outcome.Denied denied) {
    Map<String, Object> meta =
        denied.ruleId().isEmpty()
            ? Map.of(META_KIND, denied.kind().name().toLowerCase(java.util.Locale.ROOT))
            : Map.of(
                META_KIND,
                denied.kind().name().toLowerCase(java.util.Locale.ROOT),
                META_RULE,
                denied.ruleId());
    return meta;
  }
}
