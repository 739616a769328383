package dev.gatehouse.server.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.shield.AgentIdentity;
import dev.gatehouse.shield.detect.Detector;
import dev.gatehouse.shield.detect.Detectors;
import dev.gatehouse.shield.policy.PolicyInput;
import dev.gatehouse.shield.policy.PolicyLoader;
import dev.gatehouse.shield.policy.PolicySet;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;

/**
 * {@code gatehouse bench shield}: how long the shield takes to judge one call — the shipped policy
 * set's evaluation with every built-in detector enabled (a shadow rule names them all) — for
 * argument payloads of 1, 10 and 100 KB. Single-threaded, in-process, after a warm-up.
 */
@CommandLine.Command(
    name = "shield",
    description =
        "Measure shield evaluation (policy set + every detector) over 1, 10 and 100 KB arguments.")
public final class ShieldBenchCommand implements Callable<Integer> {
  private static final List<String> TOOLS =
      List.of("shell__exec", "github__create_issue", "db__query", "demo__echo");

  @CommandLine.Option(
      names = "--policies",
      defaultValue = "policies",
      description = "the policy directory to evaluate (default: ${DEFAULT-VALUE})")
  Path policies;

  @CommandLine.Option(
      names = "--sizes",
      split = ",",
      defaultValue = "1,10,100",
      description = "payload sizes in KB, comma-separated")
  List<Integer> sizes;

  @CommandLine.Option(
      names = "--iterations",
      defaultValue = "20000",
      description = "measured evaluations per size (the 100 KB size runs a tenth of them)")
  int iterations;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws java.io.IOException {
    PrintWriter out = spec.commandLine().getOut();
    PolicySet set;
    try (ScratchDirectory copy = new ScratchDirectory("gatehouse-bench-policies")) {
      set = PolicyLoader.load(withEveryDetector(policies, copy.path()));
    }
    List<Detector> all = Detectors.builtIn().all();
    AgentIdentity agent = new AgentIdentity("bench", Set.of("ops"), "bench");
    out.printf(
        "policy set %s (%d rules), %d detectors%n%n",
        set.revision(), set.rules().size(), all.size());
    out.printf(
        "| payload | p50 µs | p90 µs | p99 µs | max µs | evaluations |%n|---|---|---|---|---|---|%n");
    for (int kb : sizes) {
      List<JsonNode> payloads = List.of(payload(kb, 1), payload(kb, 2), payload(kb, 3));
      int n = kb >= 100 ? Math.max(100, iterations / 10) : iterations;
      Histogram latency = new Histogram(10_000_000_000L, 3);
      long sink = 0;
      for (int i = 0; i < 2 * n; i++) {
        JsonNode args = payloads.get(i % payloads.size());
        String tool = TOOLS.get(i % TOOLS.size());
        long start = System.nanoTime();
        sink += set.evaluate(PolicyInput.tool(agent, tool, upstream(tool), args)).findings().size();
        long took = System.nanoTime() - start;
        if (i >= n) {
          latency.recordValue(took);
        }
      }
      out.printf(
          "| %d KB | %.1f | %.1f | %.1f | %.1f | %d |%n",
          kb,
          latency.getValueAtPercentile(50) / 1000.0,
          latency.getValueAtPercentile(90) / 1000.0,
          latency.getValueAtPercentile(99) / 1000.0,
          latency.getMaxValue() / 1000.0,
          latency.getTotalCount());
      out.flush();
      if (sink == Long.MIN_VALUE) {
        out.println(); // keeps the work observable to the JIT
      }
    }
    out.printf(
        "%nJVM: %s, %d cores; %d warm-up and %d measured evaluations per size%n",
        Runtime.version(), Runtime.getRuntime().availableProcessors(), iterations, iterations);
    out.flush();
    return 0;
  }

  /**
   * The policy set as shipped, plus a shadow rule that asks every built-in detector about every
   * call: evaluation then runs all of them over the arguments (once each, as in the gateway) and
   * enforces exactly what the shipped set does.
   */
  private static Path withEveryDetector(Path policies, Path copy) {
    try {
      try (var files = java.nio.file.Files.list(policies)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
          java.nio.file.Files.copy(file, copy.resolve(file.getFileName()));
        }
      }
      java.nio.file.Files.writeString(
          copy.resolve("zz-every-detector.yaml"),
          "rules:\n  - id: bench-every-detector\n    tools: [\"*\"]\n    mode: shadow\n"
              + "    when: [{ detect: [secrets, pii, destructive, paths, ssrf, injection] }]\n"
              + "    action: deny\n");
      return copy;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String upstream(String tool) {
    return tool.substring(0, tool.indexOf("__"));
  }

  /**
   * Tool arguments of about {@code kb} KB that look like what agents send: a command, a SQL
   * statement, a URL, and nested records of prose with numbers, ids and e-mail-shaped text.
   */
  static JsonNode payload(int kb, long seed) {
    ObjectMapper mapper = new ObjectMapper();
    Random random = new Random(seed);
    ObjectNode root = mapper.createObjectNode();
    root.put("command", "git log --oneline -n 20 && ls -la ./build");
    root.put("sql", "SELECT id, title FROM issues WHERE state = 'open' ORDER BY id LIMIT 50");
    root.put("url", "https://api.example.com/v3/repos/acme/widgets/issues?page=2");
    ArrayNode records = root.putArray("records");
    int target = kb * 1024;
    while (size(mapper, root) < target) {
      ObjectNode record = records.addObject();
      record.put("id", 100000 + random.nextInt(900000));
      record.put("title", sentence(random, 6));
      record.put("body", sentence(random, 40));
      record.put("owner", "dev" + random.nextInt(1000) + "@example.org");
      record.put("path", "src/main/java/acme/Module" + random.nextInt(100) + ".java");
    }
    return root;
  }

  private static final String[] WORDS = {
    "the",
    "build",
    "fails",
    "when",
    "the",
    "cache",
    "is",
    "cold",
    "and",
    "retry",
    "order",
    "number",
    "42",
    "release",
    "2026-11-24",
    "customer",
    "ticket",
    "merge",
    "branch",
    "deploy",
    "version",
    "1.4.2",
    "timeout",
    "after",
    "30s",
    "review",
    "pull",
    "request",
    "#1234",
    "fixed"
  };

  private static String sentence(Random random, int words) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < words; i++) {
      text.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
    }
    return text.append('.').toString();
  }

  private static int size(ObjectMapper mapper, JsonNode node) {
    try {
      return mapper.writeValueAsString(node).getBytes(StandardCharsets.UTF_8).length;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
