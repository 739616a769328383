package dev.gatehouse.server.cli;

import picocli.CommandLine;

/** The top-level command; every verb is a subcommand. */
@CommandLine.Command(
    name = "gatehouse",
    mixinStandardHelpOptions = true,
    version = "gatehouse 0.1.0",
    description = "An MCP tool firewall: one MCP server in front of your real tools.",
    subcommands = {
      ServeCommand.class,
      StdioCommand.class,
      AgentCommand.class,
      StatusCommand.class,
      ToolsCommand.class,
      SecretCommand.class,
      AuditCommand.class,
      PolicyCommand.class,
      ApprovalsCommand.class,
      KillSwitchCommand.class,
      dev.gatehouse.server.bench.BenchCommand.class
    })
final class GatehouseCommand extends GroupCommand {
  private final java.io.InputStream input;

  GatehouseCommand(java.io.InputStream input) {
    this.input = input;
  }

  /** Standard input, for the commands that read a value from it ({@code secret set}). */
  java.io.InputStream input() {
    return input;
  }
}
