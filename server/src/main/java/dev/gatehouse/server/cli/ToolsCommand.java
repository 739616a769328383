package dev.gatehouse.server.cli;

import dev.gatehouse.server.Gateway;
import dev.gatehouse.server.store.PinStore;
import dev.gatehouse.shield.pin.ToolDiff;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/** {@code gatehouse tools list|approve}: pinned tool definitions and quarantine. */
@CommandLine.Command(
    name = "tools",
    description = "Pinned tool definitions: list them, approve a changed one.",
    subcommands = {ToolsCommand.ListTools.class, ToolsCommand.Approve.class})
final class ToolsCommand extends GroupCommand {
  @CommandLine.Command(
      name = "list",
      description = "Every tool seen, and whether it is quarantined.")
  static final class ListTools implements Callable<Integer> {
    @CommandLine.Mixin ConfigOption config;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (Gateway gateway = Gateway.offline(config.load())) {
        out.printf("%-40s %-16s %-12s %s%n", "TOOL", "UPSTREAM", "STATE", "APPROVED");
        for (PinStore.PinRow row : gateway.pinStore().all()) {
          out.printf(
              "%-40s %-16s %-12s %s%n",
              row.exposedName(),
              row.upstream(),
              row.quarantined() ? "QUARANTINED" : "pinned",
              row.approvedAt()
                  .map(at -> at + " by " + row.approvedBy().orElse("?"))
                  .orElse("never"));
        }
      }
      out.flush();
      return 0;
    }
  }

  @CommandLine.Command(
      name = "approve",
      description = "Show how a quarantined tool changed, and approve its new definition.")
  static final class Approve implements Callable<Integer> {
    @CommandLine.Mixin ConfigOption config;

    @CommandLine.Parameters(
        index = "0",
        paramLabel = "NAME",
        description = "the tool's name as agents see it")
    String name;

    @CommandLine.Option(
        names = "--by",
        description = "who approves (default: the USER environment variable)")
    String by = System.getenv().getOrDefault("USER", "cli");

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (Gateway gateway = Gateway.offline(config.load())) {
        List<PinStore.PinRow> rows = gateway.pinStore().byExposedName(name);
        if (rows.isEmpty()) {
          spec.commandLine()
              .getErr()
              .println("gatehouse: no tool named '" + name + "' has been seen");
          return 1;
        }
        boolean changedAgain = false;
        for (PinStore.PinRow row : rows) {
          if (!row.quarantined()) {
            out.printf(
                "tool %s (upstream %s) is not quarantined; nothing to approve%n",
                name, row.upstream());
            continue;
          }
          out.printf("tool %s (upstream %s) changed:%n", name, row.upstream());
          printDiff(out, row);
          if (gateway
                  .pinStore()
                  .approve(row.upstream(), row.tool(), row.seenSha(), by, Instant.now())
              == 0) {
            changedAgain = true;
            out.printf(
                "NOT approved: tool %s (upstream %s) changed again since the diff above; now:%n",
                name, row.upstream());
            gateway
                .pinStore()
                .find(row.upstream(), row.tool())
                .ifPresent(latest -> printDiff(out, latest));
            out.printf("run 'gatehouse tools approve %s' again to approve this definition%n", name);
            continue;
          }
          gateway.events().toolApproved(row.exposedName(), row.upstream(), by);
          out.printf("approved; the gateway serves it again within a second%n");
        }
        out.flush();
        return changedAgain ? 1 : 0;
      }
    }

    private static void printDiff(PrintWriter out, PinStore.PinRow row) {
      ToolDiff.lines(row.approvedJson().orElse(""), row.seenJson())
          .forEach(line -> out.println("  " + line));
    }
  }
}
