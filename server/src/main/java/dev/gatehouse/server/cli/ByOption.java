package dev.gatehouse.server.cli;

import java.util.Optional;
import picocli.CommandLine;

/**
 * {@code --by NAME}: who decides, for the audit trail of the commands where a person acts for
 * someone ({@code approvals}, {@code kill-switch}); {@code cli:<login name>} by default, which is
 * also who every other changing command (secrets, key rotation) is recorded as.
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
