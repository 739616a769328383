package dev.gatehouse.server.metrics;

import dev.gatehouse.connectors.Upstream;
import dev.gatehouse.connectors.UpstreamState;
import dev.gatehouse.connectors.http.HttpApiUpstream;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The gateway's metrics, served at {@code /metrics} in the Prometheus text format. Tool and
 * upstream names are labels; arguments and agents never are (agent names are unbounded and may be
 * sensitive).
 */
public final class GatewayMetrics {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  // Gauge sources are fields: Micrometer holds a gauge's source object only weakly.
  private final Supplier<Integer> tools;
  private final LongSupplier failedPolicyReloads;
  private final LongSupplier pendingApprovals;

  public GatewayMetrics(
      List<Upstream> upstreams,
      Supplier<Integer> tools,
      LongSupplier failedPolicyReloads,
      LongSupplier pendingApprovals) {
    this.tools = tools;
    this.failedPolicyReloads = failedPolicyReloads;
    this.pendingApprovals = pendingApprovals;
    for (Upstream upstream : upstreams) {
      Gauge.builder(
              "gatehouse.upstream.up",
              upstream,
              u -> u.status().state() == UpstreamState.READY ? 1 : 0)
          .description("1 when the upstream is connected and its tools are served")
          .tag("upstream", upstream.name())
          .register(registry);
      Gauge.builder("gatehouse.upstream.restarts", upstream, u -> u.status().restarts())
          .description("restarts of the upstream since the gateway started")
          .tag("upstream", upstream.name())
          .register(registry);
      if (upstream instanceof HttpApiUpstream api) {
        Gauge.builder("gatehouse.upstream.breaker.state", api, u -> u.breakerState().ordinal())
            .description("circuit breaker of an HTTP API upstream: 0 closed, 1 open, 2 half-open")
            .tag("upstream", upstream.name())
            .register(registry);
      }
    }
    Gauge.builder(
            "gatehouse.approvals.pending", this, metrics -> metrics.pendingApprovals.getAsLong())
        .description("approval requests waiting for a decision")
        .register(registry);
    Gauge.builder("gatehouse.tools", this, metrics -> metrics.tools.get())
        .description("tools in the catalog")
        .register(registry);
    Gauge.builder(
            "gatehouse.policy.reload.failures",
            this,
            metrics -> metrics.failedPolicyReloads.getAsLong())
        .description("edits of the policy directory rejected since start")
        .register(registry);
  }

  /** Counts one finished call and records its latency. */
  public void call(String tool, String upstream, String outcome, String kind, Duration took) {
    Counter.builder("gatehouse.calls")
        .description("tool calls by outcome")
        .tags("tool", tool, "upstream", upstream, "outcome", outcome, "kind", kind)
        .register(registry)
        .increment();
    Timer.builder("gatehouse.call.duration")
        .description("time from the call entering the pipeline to its answer")
        .tags("upstream", upstream, "outcome", outcome)
        .publishPercentileHistogram()
        .register(registry)
        .record(took);
  }

  /**
   * Records the time one stage spent on a call on its own (without the stages after it), as {@code
   * gatehouse_stage_duration_seconds{stage="policy"}}.
   */
  public void stage(String stageName, long nanos) {
    String stage =
        stageName.endsWith("Stage")
            ? stageName.substring(0, stageName.length() - "Stage".length())
            : stageName;
    Timer.builder("gatehouse.stage.duration")
        .description("time a pipeline stage spent on a call, not counting the stages after it")
        .tags("stage", stage.toLowerCase(java.util.Locale.ROOT))
        .publishPercentileHistogram()
        .register(registry)
        .record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
  }

  public String scrape() {
    return registry.scrape();
  }
}
