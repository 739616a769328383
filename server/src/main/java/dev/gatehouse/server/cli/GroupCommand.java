package dev.gatehouse.server.cli;

import picocli.CommandLine;

/**
 * A command that only groups verbs ({@code agent}, {@code secret}, ...): alone, it prints usage.
 */
abstract class GroupCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
