package dev.gatehouse.connectors;

import dev.gatehouse.shield.Chain;
import dev.gatehouse.shield.Outcome;
import dev.gatehouse.shield.Stage;
import dev.gatehouse.shield.Target;
import dev.gatehouse.shield.ToolCall;
import java.util.Optional;

/**
 * Finds what a request names in the catalog — a tool, a prompt, or the upstream owning a resource
 * URI; an unknown name is refused before anything else.
 */
public final class ResolveStage implements Stage {
  private final ToolCatalog catalog;

  public ResolveStage(ToolCatalog catalog) {
    this.catalog = catalog;
  }

  @Override
  public Outcome apply(ToolCall call, Chain chain) {
    Optional<? extends Target> found = catalog.resolve(call.feature(), call.tool());
    if (found.isEmpty()) {
      return Outcome.Denied.of(Outcome.Kind.UNKNOWN_TOOL, unknown(call));
    }
    call.trace().resolved(found.get());
    return chain.proceed(call.withTarget(found.get()));
  }

  private static String unknown(ToolCall call) {
    String name = abbreviate(call.tool());
    return switch (call.feature()) {
      case TOOL -> "there is no tool named '" + name + "'; list the tools to see what is available";
      case PROMPT ->
          "there is no prompt named '" + name + "'; list the prompts to see what is available";
      case RESOURCE ->
          "no upstream owns the resource '"
              + name
              + "' (no upstream lists it, or templates of several upstreams match it)";
    };
  }

  private static String abbreviate(String name) {
    return name.length() > 80 ? name.substring(0, 80) + "..." : name;
  }
}
