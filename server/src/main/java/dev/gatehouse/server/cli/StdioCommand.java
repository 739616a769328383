package dev.gatehouse.server.cli;

import dev.gatehouse.server.Gateway;
import dev.gatehouse.server.StdioFrontDoor;
import dev.gatehouse.server.auth.TokenCheck;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/** {@code gatehouse stdio --token T}: the gateway over stdin/stdout, for one agent. */
@CommandLine.Command(
    name = "stdio",
    description = "Serve the gateway over stdin/stdout for the agent whose token is given.")
final class StdioCommand implements Callable<Integer> {
  @CommandLine.Mixin ConfigOption config;

  @CommandLine.Option(
      names = "--token",
      description = "the agent token (default: the GATEHOUSE_TOKEN environment variable)")
  Optional<String> token = Optional.empty();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    String value = token.or(() -> Optional.ofNullable(System.getenv("GATEHOUSE_TOKEN"))).orElse("");
    try (Gateway gateway =
        Gateway.start(config.load(), InstantSource.system(), Duration.ofSeconds(1))) {
      TokenCheck check = gateway.verifier().check(value);
      if (!(check instanceof TokenCheck.Valid valid)) {
        spec.commandLine()
            .getErr()
            .println("gatehouse stdio: the agent token is missing or invalid");
        return 3;
      }
      new StdioFrontDoor(gateway).run(valid.agent(), System.in, System.out);
      return 0;
    }
  }
}
