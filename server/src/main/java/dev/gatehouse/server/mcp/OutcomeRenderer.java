package dev.gatehouse.server.mcp;

import dev.gatehouse.shield.Outcome;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;

/**
 * Turns an {@link Outcome} into what the agent receives. A refusal is a tool result with {@code
 * isError: true} and one line the model can act on, plus the rule id in {@code _meta}.
 */
final class OutcomeRenderer {
  static final String META_KIND = "dev.gatehouse/denied";
  static final String META_RULE = "dev.gatehouse/rule";

  private OutcomeRenderer() {}

  static McpSchema.CallToolResult render(Outcome outcome) {
    return switch (outcome) {
      case Outcome.Completed completed -> completed.result();
      case Outcome.Denied denied -> refusal(denied);
    };
  }

  private static McpSchema.CallToolResult refusal(Outcome.Denied denied) {
    String rule = denied.ruleId().isEmpty() ? "" : " (rule " + denied.ruleId() + ")";
    String text = "Gatehouse: " + denied.reason() + rule;
    Map<String, Object> meta =
        denied.ruleId().isEmpty()
            ? Map.of(META_KIND, denied.kind().name().toLowerCase(java.util.Locale.ROOT))
            : Map.of(
                META_KIND,
                denied.kind().name().toLowerCase(java.util.Locale.ROOT),
                META_RULE,
                denied.ruleId());
    return McpSchema.CallToolResult.builder().addTextContent(text).isError(true).meta(meta).build();
  }
}
