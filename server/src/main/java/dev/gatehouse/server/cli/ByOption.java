package dev.gatehouse.server.cli;

import java.util.Optional;
import picocli.CommandLine;

/**
 * {@code --by NAME}: who runs a command that changes something, for the audit trail; {@code
 * cli:<login name>} by default. One convention for every such command.
 */
final class ByOption {
  @CommandLine.Option(
      names = "--by",
      paramLabel = "NAME",
      description = "who, for the audit trail (default: cli:<login name>)")
  Optional<String> by = Optional.empty();

  String name() {
    return by.orElseGet(ByOption::loginName);
  }

  /** {@code cli:<login name>}: who ran a command that has no {@code --by}. */
  static String loginName() {
    return "cli:" + System.getProperty("user.name", "unknown");
  }
}
