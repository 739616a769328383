package dev.gatehouse.server.pipeline;

import dev.gatehouse.server.metrics.GatewayMetrics;
import dev.gatehouse.shield.Chain;
import dev.gatehouse.shield.Outcome;
import dev.gatehouse.shield.Stage;
import dev.gatehouse.shield.Target;
import dev.gatehouse.shield.ToolCall;
import java.time.Duration;
import java.util.Locale;

/**
 * Counts every call by outcome and times it, around everything else, and records the time each
 * inner stage spent on it.
 */
public final class MetricsStage implements Stage {
  private final GatewayMetrics metrics;

  public MetricsStage(GatewayMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public Outcome apply(ToolCall call, Chain chain) {
    long started = System.nanoTime();
    Outcome outcome = chain.proceed(call);
    String upstream = call.trace().target().map(Target::upstream).orElse("");
    String tool =
        upstream.isEmpty()
            ? "unknown"
            : switch (call.feature()) {
              case TOOL -> call.tool();
              case PROMPT -> call.subject();
              case RESOURCE -> "resource"; // URIs are unbounded: not a label
            };
    switch (outcome) {
      case Outcome.Completed completed ->
          metrics.call(
              tool,
              upstream,
              completed.isToolError() ? "tool_error" : "completed",
              "ok",
              Duration.ofNanos(System.nanoTime() - started));
      case Outcome.Denied denied ->
          metrics.call(
              tool,
              upstream,
              "denied",
              denied.kind().name().toLowerCase(Locale.ROOT),
              Duration.ofNanos(System.nanoTime() - started));
    }
    call.trace().stageNanos().forEach(metrics::stage);
    return outcome;
  }
}
