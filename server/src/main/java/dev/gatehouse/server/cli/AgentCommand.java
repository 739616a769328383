package dev.gatehouse.server.cli;

import dev.gatehouse.server.Gateway;
import dev.gatehouse.server.auth.SigningKeySet;
import dev.gatehouse.server.store.AgentStore;
import dev.gatehouse.shield.yaml.Location;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;

/** {@code gatehouse agent create|list|revoke|rotate-key}. */
@CommandLine.Command(
    name = "agent",
    description = "Manage agents and their tokens.",
    subcommands = {
      AgentCommand.Create.class,
      AgentCommand.ListAgents.class,
      AgentCommand.Revoke.class,
      AgentCommand.RotateKey.class
    })
final class AgentCommand extends GroupCommand {
  @CommandLine.Command(
      name = "create",
      description = "Issue a token for an agent; prints only the token.")
  static final class Create implements Callable<Integer> {
    @CommandLine.Mixin ConfigOption config;

    @CommandLine.Parameters(index = "0", paramLabel = "NAME", description = "the agent's name")
    String name;

    @CommandLine.Option(names = "--roles", split = ",", description = "roles, comma-separated")
    List<String> roles = List.of();

    @CommandLine.Option(
        names = "--ttl",
        defaultValue = "30d",
        description = "validity: 30d, 12h, 15m (default 30d)")
    String ttl;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "agent name must be 1-64 letters, digits, '.', '_' or '-'");
      }
      Duration validity = Durations.parse(ttl, spec.commandLine());
      try (Gateway gateway = Gateway.offline(config.load())) {
        String token = gateway.issuer().issue(name, Set.copyOf(roles), validity);
        spec.commandLine().getOut().println(token);
        spec.commandLine().getOut().flush();
      }
      return 0;
    }
  }

  @CommandLine.Command(name = "list", description = "List agents, their roles and active tokens.")
  static final class ListAgents implements Callable<Integer> {
    @CommandLine.Mixin ConfigOption config;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (Gateway gateway = Gateway.offline(config.load())) {
        List<AgentStore.AgentRow> rows = gateway.agents().list(Instant.now());
        out.printf("%-24s %-24s %-14s %s%n", "AGENT", "ROLES", "ACTIVE TOKENS", "EXPIRES");
        for (AgentStore.AgentRow row : rows) {
          out.printf(
              "%-24s %-24s %-14d %s%n",
              row.name(),
              row.roles().isEmpty()
                  ? "-"
                  : row.roles().stream().sorted().collect(Collectors.joining(",")),
              row.activeTokens(),
              row.expires().map(Instant::toString).orElse("-"));
        }
      }
      out.flush();
      return 0;
    }
  }

  @CommandLine.Command(name = "revoke", description = "Revoke every token of an agent.")
  static final class Revoke implements Callable<Integer> {
    @CommandLine.Mixin ConfigOption config;

    @CommandLine.Parameters(index = "0", paramLabel = "NAME")
    String name;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      try (Gateway gateway = Gateway.offline(config.load())) {
        if (!gateway.agents().exists(name)) {
          spec.commandLine().getErr().println("gatehouse: no agent named '" + name + "'");
          return 1;
        }
        int revoked = gateway.agents().revokeAll(name, Instant.now());
        spec.commandLine()
            .getOut()
            .printf("revoked %d token%s of agent %s%n", revoked, revoked == 1 ? "" : "s", name);
        spec.commandLine().getOut().flush();
      }
      return 0;
    }
  }

  @CommandLine.Command(
      name = "rotate-key",
      description =
          "Replace the agent token signing key. Tokens signed with the old key are refused at"
              + " once, or still accepted for --keep-previous; running gateways follow within 1 s.")
  static final class RotateKey implements Callable<Integer> {
    @CommandLine.Mixin ConfigOption config;

    @CommandLine.Option(
        names = "--keep-previous",
        paramLabel = "DURATION",
        description = "keep accepting tokens of the old key for this long: 24h, 30m (default: no)")
    Optional<String> keepPrevious = Optional.empty();

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      Optional<Duration> keep =
          keepPrevious.map(text -> Durations.parse(text, "--keep-previous", spec.commandLine()));
      Instant now = Instant.now();
      Optional<Instant> until =
          keep.map(d -> now.plus(d).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
      PrintWriter out = spec.commandLine().getOut();
      try (Gateway gateway = Gateway.offline(config.load())) {
        SigningKeySet keys = gateway.signingKeyStore().rotate(until, now);
        String keyId = keys.current().getKeyID();
        gateway.events().signingKeyRotated(keyId, until, ByOption.loginName());
        out.printf("new agent signing key %s%n", keyId);
        out.println(
            until
                .map(u -> "tokens signed with the previous key are accepted until " + u)
                .orElse("tokens signed with the previous key are refused from now on"));
        out.println(
            "running gateways follow within a second; one that cannot read the new keys keeps"
                + " the old ones and says so in its status (gatehouse status, /healthz)");
        out.println("issue new tokens with: gatehouse agent create NAME");
      }
      out.flush();
      return 0;
    }
  }

  /** Parses the {@code --ttl} words. */
  static final class Durations {
    private Durations() {}

    static Duration parse(String text, CommandLine commandLine) {
      return parse(text, "--ttl", commandLine);
    }

    static Duration parse(String text, String option, CommandLine commandLine) {
      var problems = new dev.gatehouse.shield.yaml.Problems();
      var scalar =
          new dev.gatehouse.shield.yaml.YamlNode.Scalar(
              new Location(option, 1, 1), text, false, false);
      var parsed = dev.gatehouse.shield.yaml.MappingReader.parseDuration(scalar, option, problems);
      if (parsed.isEmpty() || parsed.get().isZero() || parsed.get().isNegative()) {
        throw new CommandLine.ParameterException(
            commandLine, option + " must be a duration like 30d, 12h or 15m, found '" + text + "'");
      }
      return parsed.get();
    }
  }
}
