package dev.gatehouse.connectors;

import dev.gatehouse.shield.Chain;
import dev.gatehouse.shield.Outcome;
import dev.gatehouse.shield.Stage;
import dev.gatehouse.shield.ToolCall;
import java.util.Optional;

/** Finds the called tool in the catalog; an unknown name is refused before anything else. */
public final class ResolveStage implements Stage {
  private final ToolCatalog catalog;

  public ResolveStage(ToolCatalog catalog) {
    this.catalog = catalog;
  }

  @Override
  public Outcome apply(ToolCall call, Chain chain) {
    Optional<dev.gatehouse.shield.ToolDefinition> found = catalog.find(call.tool());
    if (found.isEmpty()) {
      return Outcome.Denied.of(
          Outcome.Kind.UNKNOWN_TOOL,
          "there is no tool named '"
              + abbreviate(call.tool())
              + "'; list the tools to see what is available");
    }
    return chain.proceed(call.withTarget(found.get()));
  }

  private static String abbreviate(String name) {
    return name.length() > 80 ? name.substring(0, 80) + "..." : name;
  }
}
