package dev.gatehouse.connectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.shield.Chain;
import dev.gatehouse.shield.Outcome;
import dev.gatehouse.shield.PromptDefinition;
import dev.gatehouse.shield.ResourceTarget;
import dev.gatehouse.shield.Stage;
import dev.gatehouse.shield.Target;
import dev.gatehouse.shield.ToolCall;
import dev.gatehouse.shield.ToolDefinition;
import java.util.Map;

/**
 * The last stage: hands the resolved request (tool call, prompt request, resource read) to its
 * upstream and returns what it answered.
 */
public final class RelayStage implements Stage {
  private static final com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>> MAP =
      new com.fasterxml.jackson.core.type.TypeReference<>() {};

  private final ToolCatalog catalog;
  private final ObjectMapper mapper;

  public RelayStage(ToolCatalog catalog, ObjectMapper mapper) {
    this.catalog = catalog;
    this.mapper = mapper;
  }

  @Override
  public Outcome apply(ToolCall call, Chain chain) {
    Target target = call.resolved();
    Upstream upstream =
        catalog
            .upstream(target.upstream())
            .orElseThrow(() -> new IllegalStateException("no upstream " + target.upstream()));
    Map<String, Object> arguments = mapper.convertValue(call.arguments(), MAP);
    try {
      return new Outcome.Completed(
          switch (target) {
            case ToolDefinition tool ->
                upstream.call(tool.upstreamToolName(), arguments, call.client());
            case PromptDefinition prompt ->
                upstream.getPrompt(prompt.upstreamName(), arguments, call.client());
            case ResourceTarget resource -> upstream.readResource(resource.uri(), call.client());
          });
    } catch (UpstreamException e) {
      Outcome.Kind kind =
          e.reason() == UpstreamException.Reason.CANCELLED
              ? Outcome.Kind.CANCELLED
              : Outcome.Kind.UPSTREAM;
      return Outcome.Denied.of(kind, e.getMessage());
    }
  }
}
