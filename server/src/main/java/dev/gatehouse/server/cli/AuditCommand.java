package dev.gatehouse.server.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.server.Gateway;
import dev.gatehouse.server.audit.AuditRecord;
import dev.gatehouse.server.audit.ChainedRecord;
import dev.gatehouse.server.audit.Verification;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;

/** {@code gatehouse audit verify|tail|export|prune}: the tamper-evident record. */
@CommandLine.Command(
    name = "audit",
    description = "Read and check the audit trail.",
    subcommands = {
      AuditCommand.Verify.class,
      AuditCommand.Tail.class,
      AuditCommand.Export.class,
      AuditCommand.Prune.class
    })
final class AuditCommand extends GroupCommand {
  private static final ObjectMapper JSON = new ObjectMapper();

  @CommandLine.Command(
      name = "verify",
      description = {
        "Check the hash chain; name the first bad record, print the head.",
        "A hash chain alone cannot show that its newest records were deleted: keep the head"
            + " elsewhere and pass it back with --expect-head."
      })
  static final class Verify implements Callable<Integer> {
    static final int BROKEN = 5;

    @CommandLine.Mixin ConfigOption config;

    @CommandLine.Option(
        names = "--expect-head",
        paramLabel = "SEQ:HASH",
        description = "fail unless record SEQ still exists with this hash (a head printed earlier)")
    String expectHead;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      Optional<Verification.Head> expected =
          Optional.ofNullable(expectHead).map(text -> head(text, spec.commandLine()));
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      try (Gateway gateway = Gateway.offline(config.load())) {
        Verification result = gateway.audit().verify();
        if (!result.intact()) {
          err.printf(
              "audit chain BROKEN after %d good records: %s%n",
              result.checked(), result.firstBad().orElseThrow());
          err.flush();
          return BROKEN;
        }
        out.printf("audit chain intact: %d records%n", result.checked());
        out.printf("head %s%n", result.head());
        out.flush();
        if (expected.isPresent()) {
          Optional<String> problem = headProblem(gateway, result, expected.get(), out);
          if (problem.isPresent()) {
            err.printf("audit chain BROKEN: %s%n", problem.get());
            err.flush();
            return BROKEN;
          }
        }
        return 0;
      }
    }

    /**
     * Why a head kept elsewhere is not in the (intact) chain any more, or empty when it is — or
     * when an earlier prune removed it, which says so: such a head cannot be checked any more.
     */
    private static Optional<String> headProblem(
        Gateway gateway, Verification result, Verification.Head expected, PrintWriter out) {
      if (expected.equals(result.head())) {
        return Optional.empty(); // the newest record, the pruning anchor, or an empty chain
      }
      Optional<ChainedRecord> kept =
          gateway.audit().after(expected.seq() - 1, 1).stream()
              .filter(r -> r.seq() == expected.seq())
              .findFirst();
      if (kept.isPresent()) {
        return kept.get().hash().equals(expected.hash())
            ? Optional.empty()
            : Optional.of(
                "record " + expected.seq() + " has another hash now (edited since that head)");
      }
      long firstKept =
          gateway.audit().after(0, 1).stream()
              .findFirst()
              .map(ChainedRecord::seq)
              .orElse(result.head().seq() + 1);
      if (expected.seq() < firstKept) {
        out.printf(
            "head %s was pruned (records before %d are gone); it cannot be checked any more:"
                + " keep the head printed above%n",
            expected, firstKept);
        out.flush();
        return Optional.empty();
      }
      return Optional.of(
          "record " + expected.seq() + " is not there (records deleted since that head was taken)");
    }

    private static Verification.Head head(String text, CommandLine commandLine) {
      int colon = text.indexOf(':');
      try {
        if (colon > 0 && colon < text.length() - 1) {
          return new Verification.Head(
              Long.parseLong(text.substring(0, colon)), text.substring(colon + 1));
        }
      } catch (NumberFormatException e) {
        // named below
      }
      throw new CommandLine.ParameterException(
          commandLine, "--expect-head must be SEQ:HASH, as verify prints it after 'head'");
    }
  }

  @CommandLine.Command(name = "tail", description = "Print the newest records; -f to follow.")
  static final class Tail implements Callable<Integer> {
    @CommandLine.Mixin ConfigOption config;

    @CommandLine.Option(names = "-n", defaultValue = "20", description = "how many (default 20)")
    int count;

    @CommandLine.Option(names = "-f", description = "keep printing new records")
    boolean follow;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
      PrintWriter out = spec.commandLine().getOut();
      try (Gateway gateway = Gateway.offline(config.load())) {
        List<ChainedRecord> recent = gateway.audit().latest(count);
        recent.forEach(record -> out.println(line(record)));
        long last = recent.isEmpty() ? 0 : recent.get(recent.size() - 1).seq();
        out.flush();
        while (follow) {
          Thread.sleep(500);
          for (ChainedRecord record : gateway.audit().after(last, 1000)) {
            out.println(line(record));
            last = record.seq();
          }
          out.flush();
        }
      }
      return 0;
    }

    private static String line(ChainedRecord c) {
      AuditRecord r = c.record();
      return String.format(
          "%d %s %s %s %s %s%s%s %dus",
          c.seq(),
          r.at(),
          r.agent(),
          r.tool(),
          r.outcome(),
          r.kind(),
          r.ruleId().isEmpty() ? "" : " rule=" + r.ruleId(),
          r.reason().isEmpty() ? "" : " \"" + r.reason() + "\"",
          r.duration().toNanos() / 1000);
    }
  }

  @CommandLine.Command(
      name = "export",
      description = "Write records since a time as JSON lines or CSV.")
  static final class Export implements Callable<Integer> {
    @CommandLine.Mixin ConfigOption config;

    @CommandLine.Option(
        names = "--since",
        required = true,
        description = "an instant (2026-11-01T00:00:00Z) or an age (7d)")
    String since;

    @CommandLine.Option(names = "--format", defaultValue = "jsonl", description = "jsonl or csv")
    String format;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      if (!format.equals("jsonl") && !format.equals("csv")) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--format must be jsonl or csv");
      }
      Instant from = instant(since, spec.commandLine());
      PrintWriter out = spec.commandLine().getOut();
      try (Gateway gateway = Gateway.offline(config.load())) {
        if (format.equals("csv")) {
          out.println(
              "seq,at,call_id,agent,session_id,tool,upstream,outcome,kind,rule_id,reason,findings,duration_micros,prev_hash,hash,details");
        }
        for (ChainedRecord record : gateway.audit().since(from)) {
          out.println(format.equals("csv") ? csv(record) : json(record));
        }
      }
      out.flush();
      return 0;
    }
  }

  @CommandLine.Command(
      name = "prune",
      description = "Delete records older than an age; the chain stays verifiable from an anchor.")
  static final class Prune implements Callable<Integer> {
    @CommandLine.Mixin ConfigOption config;

    @CommandLine.Option(names = "--older-than", required = true, description = "an age: 90d, 12h")
    String age;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      Duration keep = AgentCommand.Durations.parse(age, spec.commandLine());
      try (Gateway gateway = Gateway.offline(config.load())) {
        long deleted = gateway.audit().prune(Instant.now().minus(keep), ByOption.loginName());
        spec.commandLine().getOut().printf("pruned %d records older than %s%n", deleted, age);
      }
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  static Instant instant(String text, CommandLine commandLine) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      return Instant.now().minus(AgentCommand.Durations.parse(text, commandLine));
    }
  }

  static String json(ChainedRecord c) {
    AuditRecord r = c.record();
    ObjectNode node = JSON.createObjectNode();
    node.put("seq", c.seq());
    node.put("at", r.at().toString());
    node.put("call_id", r.callId());
    node.put("agent", r.agent());
    node.put("session_id", r.sessionId());
    node.put("tool", r.tool());
    node.put("upstream", r.upstream());
    node.put("outcome", r.outcome());
    node.put("kind", r.kind());
    node.put("rule_id", r.ruleId());
    node.put("reason", r.reason());
    node.put(
        "findings",
        r.findings().stream()
            .map(f -> f.detector() + "@" + f.pointer())
            .collect(Collectors.joining(",")));
    node.put("duration_micros", r.duration().toNanos() / 1000);
    node.put("prev_hash", c.previousHash());
    node.put("hash", c.hash());
    if (!r.details().isEmpty()) {
      try {
        node.set(
            "details", new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.details()));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        node.put("details", r.details());
      }
    }
    return node.toString();
  }

  static String csv(ChainedRecord c) {
    AuditRecord r = c.record();
    return String.join(
        ",",
        List.of(
                String.valueOf(c.seq()),
                r.at().toString(),
                r.callId(),
                r.agent(),
                r.sessionId(),
                r.tool(),
                r.upstream(),
                r.outcome(),
                r.kind(),
                r.ruleId(),
                r.reason(),
                r.findings().stream()
                    .map(f -> f.detector() + "@" + f.pointer())
                    .collect(Collectors.joining(";")),
                String.valueOf(r.duration().toNanos() / 1000),
                c.previousHash(),
                c.hash(),
                r.details())
            .stream()
            .map(AuditCommand::csvField)
            .toList());
  }

  private static String csvField(String value) {
    boolean quote =
        value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r");
    String escaped = value.replace("\"", "\"\"");
    // A leading =, +, - or @ would be run as a formula by spreadsheets.
    if (!escaped.isEmpty() && "=+-@".indexOf(escaped.charAt(0)) >= 0) {
      escaped = "'" + escaped;
      quote = true;
    }
    return quote ? "\"" + escaped + "\"" : escaped;
  }
}
