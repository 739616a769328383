package dev.gatehouse.server.bench;

import dev.gatehouse.server.audit.AuditDetails;
import dev.gatehouse.server.audit.AuditRecord;
import dev.gatehouse.server.audit.DatabaseAuditLog;
import dev.gatehouse.server.store.Database;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;

/**
 * {@code gatehouse bench audit}: what making one call's audit record durable costs — the hash-chain
 * append to a fresh SQLite store, committed before it returns, as every call's record is — from one
 * thread and from many at once (then group commit puts several records in one transaction).
 */
@CommandLine.Command(
    name = "audit",
    description =
        "Measure the audit append (hash chain, committed to SQLite) alone, sequential and"
            + " concurrent.")
public final class AuditBenchCommand implements Callable<Integer> {
  /** The details of a typical echo call as the gateway records them. */
  private static final String DETAILS =
      new AuditDetails(
              "{\"message\":\"ping\"}",
              List.of("bench-echo"),
              "2934b3f9e26d",
              "",
              Map.of(
                  "Authenticate", 3L,
                  "Resolve", 1L,
                  "Quarantine", 15L,
                  "Validate", 14L,
                  "Policy", 20L,
                  "EgressGuard", 1L,
                  "Relay", 916L),
              118,
              236)
          .toJson();

  @CommandLine.Option(
      names = "--appends",
      defaultValue = "5000",
      description = "measured appends per thread count")
  int appends;

  @CommandLine.Option(
      names = "--warmup",
      defaultValue = "20000",
      description = "warm-up appends (the JIT needs them)")
  int warmup;

  @CommandLine.Option(
      names = "--threads",
      split = ",",
      defaultValue = "1,16,64",
      description = "appending threads, comma-separated")
  List<Integer> threads;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    try (ScratchDirectory data = new ScratchDirectory("gatehouse-bench-audit");
        Database database = Database.open(data.path())) {
      DatabaseAuditLog log = new DatabaseAuditLog(database.jdbi(), database.dialect());
      appendFrom(log, 1, warmup);
      out.printf(
          "| threads | p50 µs | p90 µs | p99 µs | appends/s | CPU µs/append |%n"
              + "|---|---|---|---|---|---|%n");
      for (int count : threads) {
        Run run = appendFrom(log, count, appends);
        out.printf(
            "| %d | %.0f | %.0f | %.0f | %.0f | %.0f |%n",
            count,
            run.latency.getValueAtPercentile(50) / 1000.0,
            run.latency.getValueAtPercentile(90) / 1000.0,
            run.latency.getValueAtPercentile(99) / 1000.0,
            appends / run.seconds,
            run.cpuNanos / (double) appends / 1000.0);
        out.flush();
      }
      out.printf(
          "%nJVM: %s, %d cores; %d appends per row after %d warm-up appends, one SQLite store%n",
          Runtime.version(), Runtime.getRuntime().availableProcessors(), appends, warmup);
    }
    return 0;
  }

  private record Run(Histogram latency, double seconds, long cpuNanos) {}

  private static Run appendFrom(DatabaseAuditLog log, int threads, int total) throws Exception {
    AtomicInteger remaining = new AtomicInteger(total);
    Histogram latency = new Histogram(60_000_000_000L, 3);
    long cpuBefore = LatencyRun.processCpuNanos();
    long started = System.nanoTime();
    try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Histogram>> parts = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        parts.add(
            workers.submit(
                () -> {
                  Histogram own = new Histogram(60_000_000_000L, 3);
                  while (remaining.getAndDecrement() > 0) {
                    AuditRecord record = record();
                    long start = System.nanoTime();
                    log.append(record);
                    own.recordValue(System.nanoTime() - start);
                  }
                  return own;
                }));
      }
      for (Future<Histogram> part : parts) {
        latency.add(part.get());
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    return new Run(latency, seconds, LatencyRun.processCpuNanos() - cpuBefore);
  }

  private static AuditRecord record() {
    return new AuditRecord(
        Instant.now(),
        UUID.randomUUID().toString(),
        "bench",
        UUID.randomUUID().toString(),
        "bench__echo",
        "bench",
        "allowed",
        "",
        "bench-echo",
        "",
        List.of(),
        Duration.ofMillis(1),
        DETAILS);
  }
}
