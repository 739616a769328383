package dev.gatehouse.server.cli;

import dev.gatehouse.approvals.ApprovalGrant;
import dev.gatehouse.approvals.ApprovalRequest;
import dev.gatehouse.approvals.ApprovalState;
import dev.gatehouse.approvals.DecideResult;
import dev.gatehouse.approvals.Ruling;
import dev.gatehouse.server.Gateway;
import dev.gatehouse.server.approvals.GrantWindow;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/**
 * {@code gatehouse approvals list|show|approve|deny|cancel}: decide approval requests from a shell,
 * beside (or instead of) Slack. Works against the store while the gateway runs; a waiting call
 * picks the decision up at its node's next check ({@code approvals.check_every}), or at once when
 * the config has {@code cluster.redis} and the decision's id can be published there.
 */
@CommandLine.Command(
    name = "approvals",
    description = "List and decide the calls waiting for a human.",
    subcommands = {
      ApprovalsCommand.ListRequests.class,
      ApprovalsCommand.Show.class,
      ApprovalsCommand.Approve.class,
      ApprovalsCommand.Deny.class,
      ApprovalsCommand.Cancel.class
    })
final class ApprovalsCommand extends GroupCommand {
  static final int NOT_FOUND = 1;
  static final int NOT_PENDING = 3;

  @CommandLine.Command(name = "list", description = "Requests, newest first (pending by default).")
  static final class ListRequests implements Callable<Integer> {
    @CommandLine.Mixin ConfigOption config;

    @CommandLine.Option(
        names = "--state",
        description = "pending (default), approved, denied, expired, cancelled or all")
    String state = "pending";

    @CommandLine.Option(names = "-n", defaultValue = "50", description = "at most (default 50)")
    int count;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      Optional<ApprovalState> filter;
      try {
        filter = state.equals("all") ? Optional.empty() : Optional.of(ApprovalState.ofWord(state));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            "--state must be pending, approved, denied, expired, cancelled or all");
      }
      PrintWriter out = spec.commandLine().getOut();
      try (Gateway gateway = Gateway.offline(config.load())) {
        List<ApprovalRequest> requests = gateway.approvals().queue().list(filter, count);
        out.printf(
            "%-14s %-9s %-20s %-32s %-24s %s%n", "ID", "STATE", "AGENT", "TOOL", "RULE", "EXPIRES");
        for (ApprovalRequest r : requests) {
          out.printf(
              "%-14s %-9s %-20s %-32s %-24s %s%n",
              r.id(),
              r.state().word(),
              r.agent(),
              r.tool(),
              r.ruleId().isEmpty() ? "-" : r.ruleId(),
              r.expiresAt());
        }
      }
      out.flush();
      return 0;
    }
  }

  @CommandLine.Command(name = "show", description = "One request in full (arguments redacted).")
  static final class Show implements Callable<Integer> {
    @CommandLine.Mixin ConfigOption config;

    @CommandLine.Parameters(index = "0", paramLabel = "ID")
    String id;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (Gateway gateway = Gateway.offline(config.load())) {
        Optional<ApprovalRequest> found = gateway.approvals().queue().find(id);
        if (found.isEmpty()) {
          spec.commandLine().getErr().println("gatehouse: no approval '" + id + "'");
          return NOT_FOUND;
        }
        ApprovalRequest r = found.get();
        out.printf("approval   %s (%s)%n", r.id(), r.state().word());
        out.printf("agent      %s%n", r.agent());
        out.printf("tool       %s (upstream %s)%n", r.tool(), r.upstream());
        out.printf("rule       %s: %s%n", r.ruleId().isEmpty() ? "-" : r.ruleId(), r.reason());
        out.printf("findings   %s%n", r.findings().isEmpty() ? "none" : r.findings());
        out.printf("requested  %s by call %s%n", r.createdAt(), r.callId());
        out.printf("expires    %s%n", r.expiresAt());
        out.printf(
            "binding    arguments sha256 %s, policy revision %s%n",
            r.binding().argumentsDigest(), r.binding().policyRevision());
        r.decision()
            .ifPresent(
                d ->
                    out.printf(
                        "decided    %s by %s at %s%s%n",
                        r.state().word(),
                        d.by(),
                        d.at(),
                        d.note().isEmpty() ? "" : ": " + d.note()));
        out.println("arguments");
        r.arguments().lines().forEach(line -> out.println("  " + line));
      }
      out.flush();
      return 0;
    }
  }

  @CommandLine.Command(name = "approve", description = "Approve a pending request.")
  static final class Approve implements Callable<Integer> {
    @CommandLine.Mixin ConfigOption config;
    @CommandLine.Mixin ByOption approver;

    @CommandLine.Parameters(index = "0", paramLabel = "ID")
    String id;

    @CommandLine.Option(
        names = "--for",
        paramLabel = "DURATION",
        description =
            "let the same call (same agent, tool, arguments) through repeatedly for this"
                + " long, up to 1d (default: once)")
    Optional<String> window = Optional.empty();

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      ApprovalGrant grant = ApprovalGrant.once();
      if (window.isPresent()) {
        Optional<Duration> parsed = GrantWindow.parse(window.get());
        if (parsed.isEmpty()) {
          throw new CommandLine.ParameterException(
              spec.commandLine(), "--for must be a duration up to 1d, like 30m or 1h");
        }
        grant = ApprovalGrant.forWindow(parsed.get());
      }
      return decide(config, spec, id, new Ruling.Approve(grant), approver.name());
    }
  }

  @CommandLine.Command(name = "deny", description = "Deny a pending request with a reason.")
  static final class Deny implements Callable<Integer> {
    @CommandLine.Mixin ConfigOption config;
    @CommandLine.Mixin ByOption approver;

    @CommandLine.Parameters(index = "0", paramLabel = "ID")
    String id;

    @CommandLine.Option(
        names = "--reason",
        required = true,
        description = "why; the agent reads this")
    String reason;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      if (reason.isBlank()) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--reason must not be empty");
      }
      return decide(config, spec, id, new Ruling.Deny(reason.strip()), approver.name());
    }
  }

  @CommandLine.Command(name = "cancel", description = "Withdraw a pending request.")
  static final class Cancel implements Callable<Integer> {
    @CommandLine.Mixin ConfigOption config;
    @CommandLine.Mixin ByOption approver;

    @CommandLine.Parameters(index = "0", paramLabel = "ID")
    String id;

    @CommandLine.Option(names = "--reason", defaultValue = "cancelled", description = "why")
    String reason;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      return decide(config, spec, id, new Ruling.Cancel(reason.strip()), approver.name());
    }
  }

  private static int decide(
      ConfigOption config,
      CommandLine.Model.CommandSpec spec,
      String id,
      Ruling ruling,
      String by) {
    try (Gateway gateway = Gateway.offline(config.load())) {
      return switch (gateway.approvals().queue().decide(id, ruling, by)) {
        case DecideResult.Decided decided -> {
          spec.commandLine()
              .getOut()
              .printf(
                  "approval %s %s by %s%s%n",
                  id,
                  decided.request().state().word(),
                  by,
                  ruling instanceof Ruling.Approve approve
                      ? " (" + approve.grant().describe() + ")"
                      : "");
          spec.commandLine().getOut().flush();
          yield 0;
        }
        case DecideResult.AlreadyDecided already -> {
          spec.commandLine()
              .getErr()
              .printf(
                  "gatehouse: approval %s is %s (%s); nothing changed%n",
                  id,
                  already.request().state() == ApprovalState.PENDING
                      ? "past its expiry"
                      : already.request().state().word(),
                  already.request().decidedBy());
          yield NOT_PENDING;
        }
        case DecideResult.Unknown unknown -> {
          spec.commandLine().getErr().println("gatehouse: no approval '" + id + "'");
          yield NOT_FOUND;
        }
      };
    }
  }
}
