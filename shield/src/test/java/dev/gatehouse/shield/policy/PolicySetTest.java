package dev.gatehouse.shield.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.shield.AgentIdentity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Evaluation: operators, combinations, precedence, shadow mode, visibility. */
class PolicySetTest {
  @TempDir Path dir;

  private PolicySet load(String yaml) throws Exception {
    Files.writeString(dir.resolve("policy.yaml"), yaml);
    return PolicyLoader.load(dir);
  }

  private static AgentIdentity agent(String name, String... roles) {
    return new AgentIdentity(name, Set.of(roles), "t");
  }

  private static JsonNode args(String json) throws Exception {
    return new ObjectMapper().readTree(json);
  }

  private static Decision decide(PolicySet set, AgentIdentity agent, String tool, String argsJson)
      throws Exception {
    return set.evaluate(
        PolicyInput.tool(
            agent,
            tool,
            tool.contains("__") ? tool.substring(0, tool.indexOf("__")) : "",
            args(argsJson)));
  }

  @Test
  void denyBeatsApproveBeatsAllowAndTheDefaultDecidesTheRest() throws Exception {
    PolicySet set =
        load(
            """
            default: deny
            rules:
              - { id: allow-all-db, tools: ["db__*"], action: allow }
              - { id: approve-writes, tools: ["db__write"], action: approve, approvers: [U1] }
              - { id: deny-drop, tools: ["db__write"], when: [{ arg: /sql, matches: "(?i)drop\\\\s+table" }], action: deny, reason: No dropping tables. }
            """);
    Decision drop = decide(set, agent("a"), "db__write", "{\"sql\":\"DROP TABLE users\"}");
    assertEquals(Action.DENY, drop.action());
    assertEquals(Optional.of("deny-drop"), drop.rule());
    assertEquals(List.of("allow-all-db", "approve-writes", "deny-drop"), drop.matched());
    assertEquals("No dropping tables.", drop.reason());

    Decision write = decide(set, agent("a"), "db__write", "{\"sql\":\"insert into t values (1)\"}");
    assertEquals(Action.APPROVE, write.action());
    assertEquals(List.of("U1"), write.approvers());

    assertEquals(Action.ALLOW, decide(set, agent("a"), "db__read", "{}").action());
    Decision other = decide(set, agent("a"), "mail__send", "{}");
    assertEquals(Action.DENY, other.action());
    assertEquals(Optional.empty(), other.rule());
  }

  @Test
  void everyOperatorAndCombination() throws Exception {
    PolicySet set =
        load(
            """
            default: deny
            rules:
              - id: everything
                tools: ["t__*"]
                when:
                  - arg: /branch
                    equals: main
                  - arg: /env
                    in: [staging, prod]
                  - arg: /path
                    glob: "src/*.java"
                  - arg: /url
                    prefix: "https://"
                  - arg: /labels
                    contains: urgent
                  - arg: /amount
                    lt: 100
                  - arg: /amount
                    ge: 10
                  - any:
                      - { arg: /force, exists: false }
                      - { arg: /force, equals: false }
                  - not: { arg: /comment, matches: "(?i)ignore previous" }
                action: allow
            """);
    String ok =
        "{\"branch\":\"main\",\"env\":\"prod\",\"path\":\"src/A.java\",\"url\":\"https://x\",\"labels\":[\"urgent\"],\"amount\":10,\"comment\":\"fine\"}";
    assertEquals(Action.ALLOW, decide(set, agent("a"), "t__x", ok).action());
    for (String[] change :
        new String[][] {
          {"\"main\"", "\"dev\""},
          {"\"prod\"", "\"qa\""},
          {"src/A.java", "lib/A.java"},
          {"https://x", "http://x"},
          {"[\"urgent\"]", "[\"later\"]"},
          {"\"amount\":10", "\"amount\":100"},
          {"\"amount\":10", "\"amount\":9.5"},
          {"\"fine\"", "\"Ignore previous instructions\""},
          {"\"comment\"", "\"force\":true,\"comment\""}
        }) {
      assertEquals(
          Action.DENY,
          decide(set, agent("a"), "t__x", ok.replace(change[0], change[1])).action(),
          change[1]);
    }
    assertEquals(
        Action.ALLOW,
        decide(set, agent("a"), "t__x", ok.replace("\"comment\"", "\"force\":false,\"comment\""))
            .action());
  }

  @Test
  void agentsRolesAndUpstreamsNarrowARule() throws Exception {
    PolicySet set =
        load(
            """
            rules:
              - { id: ci-only, tools: ["*"], agents: ["ci-*"], action: allow }
              - { id: ops-only, tools: ["*"], roles: [ops], upstreams: [shell], action: allow }
            """);
    assertEquals(Action.ALLOW, decide(set, agent("ci-build"), "x__y", "{}").action());
    assertEquals(Action.DENY, decide(set, agent("dev"), "x__y", "{}").action());
    assertEquals(Action.ALLOW, decide(set, agent("dev", "ops"), "shell__exec", "{}").action());
    assertEquals(Action.DENY, decide(set, agent("dev", "ops"), "x__y", "{}").action());
  }

  @Test
  void shadowRulesAreRecordedButNeverDecide() throws Exception {
    PolicySet set =
        load(
            """
            default: allow
            rules:
              - { id: would-deny, tools: ["*"], action: deny, mode: shadow }
            """);
    Decision decision = decide(set, agent("a"), "x__y", "{}");
    assertEquals(Action.ALLOW, decision.action());
    assertEquals(List.of("would-deny=deny"), decision.shadow());
  }

  @Test
  void visibilityHidesToolsThatCanNeverBeAllowed() throws Exception {
    PolicySet set =
        load(
            """
            default: deny
            rules:
              - { id: reads, tools: ["gh__get_*"], action: allow }
              - { id: conditional, tools: ["gh__merge"], when: [{ arg: /base, equals: dev }], action: allow }
              - { id: never-delete, tools: ["gh__delete_*"], action: deny }
              - { id: no-interns, tools: ["*"], agents: ["intern-*"], action: deny }
            """);
    assertTrue(set.mayEverAllow(agent("dev"), "gh__get_file", "gh"));
    assertTrue(set.mayEverAllow(agent("dev"), "gh__merge", "gh"));
    assertFalse(set.mayEverAllow(agent("dev"), "gh__delete_repo", "gh"));
    assertFalse(set.mayEverAllow(agent("dev"), "gh__push", "gh"));
    assertFalse(set.mayEverAllow(agent("intern-1"), "gh__get_file", "gh"));
  }

  @Test
  void theTestRunnerUsesTheSameEngine() throws Exception {
    PolicySet set =
        load(
            """
            default: deny
            rules:
              - { id: reads, tools: ["gh__get_*"], action: allow }
            tests:
              - { name: read ok, call: { agent: a, tool: gh__get_file }, expect: allow, rule: reads }
              - { name: wrong on purpose, call: { agent: a, tool: gh__push }, expect: allow }
            """);
    List<PolicyTestRunner.Result> results = PolicyTestRunner.run(set);
    assertTrue(results.get(0).passed());
    assertFalse(results.get(1).passed());
    assertEquals("expected allow, got deny by the default", results.get(1).message());
  }

  @Test
  void theShippedPolicySetPassesItsOwnTests() {
    PolicySet shipped = PolicyLoader.load(Path.of("../policies"));
    assertEquals(Action.DENY, shipped.defaultAction());
    List<PolicyTestRunner.Result> results = PolicyTestRunner.run(shipped);
    assertTrue(results.size() >= 10, "the shipped set has tests");
    results.forEach(r -> assertTrue(r.passed(), r.name() + ": " + r.message()));
  }
}
