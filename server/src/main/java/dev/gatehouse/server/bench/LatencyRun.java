package dev.gatehouse.server.bench;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;

/** Calls one tool many times from {@code concurrency} clients and records each call's latency. */
final class LatencyRun {
  /**
   * @param callsPerSecond calls completed per second of wall time
   * @param cpuNanosPerCall this process's CPU time (all its threads) per call during the run
   */
  record Result(Histogram latencyNanos, double callsPerSecond, double cpuNanosPerCall) {
    double percentileMicros(double percentile) {
      return latencyNanos.getValueAtPercentile(percentile) / 1000.0;
    }
  }

  private LatencyRun() {}

  /**
   * @param clients one initialized client per concurrent worker
   */
  static Result run(List<McpSyncClient> clients, String tool, int totalCalls) throws Exception {
    Histogram histogram = new Histogram(60_000_000_000L, 3);
    AtomicInteger remaining = new AtomicInteger(totalCalls);
    McpSchema.CallToolRequest request =
        new McpSchema.CallToolRequest(tool, Map.of("message", "ping"));
    long cpuBefore = processCpuNanos();
    long started = System.nanoTime();
    try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Histogram>> parts = new ArrayList<>();
      for (McpSyncClient client : clients) {
        parts.add(workers.submit(worker(client, request, remaining)));
      }
      for (Future<Histogram> part : parts) {
        histogram.add(part.get());
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    double cpuPerCall = (processCpuNanos() - cpuBefore) / (double) totalCalls;
    return new Result(histogram, totalCalls / seconds, cpuPerCall);
  }

  /** CPU time used by this whole process so far (every thread, JIT and GC included). */
  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static java.util.concurrent.Callable<Histogram> worker(
      McpSyncClient client, McpSchema.CallToolRequest request, AtomicInteger remaining) {
    return () -> {
      Histogram own = new Histogram(60_000_000_000L, 3);
      while (remaining.getAndDecrement() > 0) {
        long start = System.nanoTime();
        McpSchema.CallToolResult result = client.callTool(request);
        own.recordValue(System.nanoTime() - start);
        if (Boolean.TRUE.equals(result.isError())) {
          throw new IllegalStateException("the benchmark call failed: " + result.content());
        }
      }
      return own;
    };
  }
}
