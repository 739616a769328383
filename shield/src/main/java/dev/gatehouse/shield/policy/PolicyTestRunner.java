package dev.gatehouse.shield.policy;

import dev.gatehouse.shield.AgentIdentity;
import dev.gatehouse.shield.Finding;
import dev.gatehouse.shield.yaml.Location;
import java.util.List;

/** Runs a policy set's own {@code tests:} through the same engine that decides real calls. */
public final class PolicyTestRunner {
  /** One case's result; {@code message} says what was decided when it failed. */
  public record Result(String name, Location location, boolean passed, String message) {}

  private PolicyTestRunner() {}

  public static List<Result> run(PolicySet set) {
    return set.tests().stream().map(test -> run(set, test)).toList();
  }

  private static Result run(PolicySet set, PolicyTest test) {
    AgentIdentity agent = new AgentIdentity(test.agent(), test.roles(), "policy-test");
    Decision decision =
        set.evaluate(
            new PolicyInput(
                agent, test.feature(), test.target(), test.upstream(), test.arguments()));
    boolean actionOk = decision.action() == test.expect();
    boolean ruleOk =
        test.expectRule().map(id -> decision.rule().filter(id::equals).isPresent()).orElse(true);
    List<String> found = decision.findings().stream().map(Finding::detector).distinct().toList();
    boolean findingsOk = found.containsAll(test.expectFindings());
    if (actionOk && ruleOk && findingsOk) {
      return new Result(test.name(), test.location(), true, "");
    }
    String got =
        decision.action().word
            + decision.rule().map(r -> " by rule " + r).orElse(" by the default")
            + (test.expectFindings().isEmpty() ? "" : " with findings " + found);
    String wanted =
        test.expect().word
            + test.expectRule().map(r -> " by rule " + r).orElse("")
            + (test.expectFindings().isEmpty() ? "" : " with findings " + test.expectFindings());
    return new Result(test.name(), test.location(), false, "expected " + wanted + ", got " + got);
  }
}
