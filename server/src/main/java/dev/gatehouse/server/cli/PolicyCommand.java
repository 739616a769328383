package dev.gatehouse.server.cli;

import dev.gatehouse.server.config.ConfigLoader;
import dev.gatehouse.shield.policy.PolicyLoader;
import dev.gatehouse.shield.policy.PolicySet;
import dev.gatehouse.shield.policy.PolicyTestRunner;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/** {@code gatehouse policy check|test [DIR]}: policies as code, for people and for CI. */
@CommandLine.Command(
    name = "policy",
    description = "Check and test policy files.",
    subcommands = {PolicyCommand.Check.class, PolicyCommand.Test.class})
final class PolicyCommand extends GroupCommand {

  /** DIR, else the config's {@code policies:}, else {@code ./policies}. */
  static Path directory(Optional<Path> given, ConfigOption config) {
    if (given.isPresent()) {
      return given.get();
    }
    Path file = config.file();
    if (Files.exists(file)) {
      Optional<Path> configured = ConfigLoader.load(file).policies();
      if (configured.isPresent()) {
        return configured.get();
      }
    }
    return Path.of("policies");
  }

  @CommandLine.Command(name = "check", description = "Validate policy files; print every problem.")
  static final class Check implements Callable<Integer> {
    @CommandLine.Mixin ConfigOption config;

    @CommandLine.Parameters(index = "0", arity = "0..1", paramLabel = "DIR")
    Optional<Path> dir = Optional.empty();

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PolicySet set = PolicyLoader.load(directory(dir, config));
      spec.commandLine()
          .getOut()
          .printf(
              "policies OK: %d rules, %d tests, default %s, revision %s%n",
              set.rules().size(), set.tests().size(), set.defaultAction().word, set.revision());
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  @CommandLine.Command(name = "test", description = "Run the tests: cases of the policy files.")
  static final class Test implements Callable<Integer> {
    @CommandLine.Mixin ConfigOption config;

    @CommandLine.Parameters(index = "0", arity = "0..1", paramLabel = "DIR")
    Optional<Path> dir = Optional.empty();

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PolicySet set = PolicyLoader.load(directory(dir, config));
      List<PolicyTestRunner.Result> results = PolicyTestRunner.run(set);
      for (PolicyTestRunner.Result result : results) {
        out.println(
            result.passed()
                ? "PASS " + result.name()
                : "FAIL " + result.name() + " (" + result.location() + "): " + result.message());
      }
      long failed = results.stream().filter(r -> !r.passed()).count();
      out.printf("%d policy tests passed, %d failed%n", results.size() - failed, failed);
      out.flush();
      return failed == 0 ? 0 : 6;
    }
  }
}
