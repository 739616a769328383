package dev.gatehouse.server.cli;

import dev.gatehouse.shield.yaml.InvalidFileException;
import picocli.CommandLine;

/**
 * Prints what went wrong in words a user can act on: config problems as {@code file:line:column:
 * message}, one per line; other failures as one line without a stack trace.
 */
final class FriendlyErrors implements CommandLine.IExecutionExceptionHandler {
  static final int CONFIG_ERROR = 2;
  static final int FAILURE = 1;

  @Override
  public int handleExecutionException(
      Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
    if (e instanceof InvalidFileException invalid) {
      invalid.problems().forEach(p -> commandLine.getErr().println(p));
      commandLine
          .getErr()
          .println(
              invalid.problems().size()
                  + " problem"
                  + (invalid.problems().size() == 1 ? "" : "s")
                  + " found; nothing was started");
      return CONFIG_ERROR;
    }
    commandLine.getErr().println("gatehouse: " + e.getMessage());
    if (System.getenv("GATEHOUSE_DEBUG") != null) {
      e.printStackTrace(commandLine.getErr());
    }
    return FAILURE;
  }
}
