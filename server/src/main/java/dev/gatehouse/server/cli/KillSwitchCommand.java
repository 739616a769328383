package dev.gatehouse.server.cli;

import dev.gatehouse.server.Gateway;
import dev.gatehouse.server.killswitch.KillSwitchState;
import dev.gatehouse.server.store.KillSwitchStore;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/**
 * {@code gatehouse kill-switch on|off|status}: stops (and restarts) every relayed request on every
 * node that shares the store. Works against the store while the gateway runs; every node obeys
 * within a second.
 */
@CommandLine.Command(
    name = "kill-switch",
    description = "Refuse every request on every node at once, or allow them again.",
    subcommands = {
      KillSwitchCommand.On.class,
      KillSwitchCommand.Off.class,
      KillSwitchCommand.Status.class
    })
final class KillSwitchCommand extends GroupCommand {
  /** Exit code of {@code status} while the switch is on. */
  static final int ENGAGED = 5;

  @CommandLine.Command(name = "on", description = "Refuse every request, with a reason.")
  static final class On implements Callable<Integer> {
    @CommandLine.Mixin ConfigOption config;
    @CommandLine.Mixin ByOption operator;

    @CommandLine.Option(
        names = "--reason",
        required = true,
        description = "why; every refused agent reads this")
    String reason;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      if (reason.isBlank()) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--reason must not be empty");
      }
      try (Gateway gateway = Gateway.offline(config.load())) {
        KillSwitchStore.Engaged engaged = gateway.killSwitch().engage(operator.name(), reason);
        PrintWriter out = spec.commandLine().getOut();
        out.println(new KillSwitchState.On(engaged).reason());
        out.println("every node sharing this store refuses requests within a second");
        out.flush();
      }
      return 0;
    }
  }

  @CommandLine.Command(name = "off", description = "Release the kill switch.")
  static final class Off implements Callable<Integer> {
    @CommandLine.Mixin ConfigOption config;
    @CommandLine.Mixin ByOption operator;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      try (Gateway gateway = Gateway.offline(config.load())) {
        Optional<KillSwitchStore.Engaged> was = gateway.killSwitch().release(operator.name());
        PrintWriter out = spec.commandLine().getOut();
        out.println(
            was.isPresent()
                ? "the kill switch is off; requests run again within a second"
                : "the kill switch was already off");
        out.flush();
      }
      return 0;
    }
  }

  @CommandLine.Command(
      name = "status",
      description = "Whether the kill switch is on (exit code 5 while it is).")
  static final class Status implements Callable<Integer> {
    @CommandLine.Mixin ConfigOption config;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      try (Gateway gateway = Gateway.offline(config.load())) {
        gateway.killSwitch().refresh();
        KillSwitchState state = gateway.killSwitch().state();
        PrintWriter out = spec.commandLine().getOut();
        out.println(state.reason());
        out.flush();
        return switch (state) {
          case KillSwitchState.Off off -> 0;
          case KillSwitchState.On on -> ENGAGED;
          case KillSwitchState.Unreadable u -> 1;
        };
      }
    }
  }
}
