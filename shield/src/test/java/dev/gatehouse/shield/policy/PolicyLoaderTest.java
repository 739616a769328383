package dev.gatehouse.shield.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gatehouse.shield.yaml.InvalidFileException;
import dev.gatehouse.shield.yaml.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every problem of every file at once, as file:line:column: message. */
class PolicyLoaderTest {
  @TempDir Path dir;

  private List<String> problems() {
    InvalidFileException e = assertThrows(InvalidFileException.class, () -> PolicyLoader.load(dir));
    return e.problems().stream()
        .map(Problem::toString)
        .map(p -> p.substring(dir.toString().length() + 1))
        .toList();
  }

  @Test
  void reportsEveryProblemWithItsPlace() throws Exception {
    Files.writeString(
        dir.resolve("a.yaml"),
        """
        default: deny
        rules:
          - id: one
            tools: ["x__*"]
            acton: allow
          - id: two
            tools: ["x__y"]
            action: maybe
          - id: three
            tools: ["x__z"]
            when:
              - arg: /q
                matches: "(unclosed"
            action: deny
          - id: four
            tools: ["x__w"]
            when:
              - arg: q
                equals: 1
            action: allow
        """);
    Files.writeString(
        dir.resolve("b.yaml"),
        """
        default: allow
        rules:
          - id: one
            tools: ["*"]
            action: allow
        """);
    assertEquals(
        List.of(
            "a.yaml:3:5: a rule needs 'action' (allow, deny, approve or redact)",
            "a.yaml:5:5: unknown key 'acton' (did you mean 'action'?)",
            "a.yaml:8:13: 'action' must be one of allow, approve, deny, redact, found 'maybe'",
            "a.yaml:13:18: bad regular expression: Unclosed group",
            "a.yaml:18:14: 'arg' must be a JSON Pointer such as /path/to/field",
            "b.yaml:1:10: 'default' is already declared at "
                + dir.resolve("a.yaml")
                + ":1:10; only one file of the set may declare it",
            "b.yaml:3:9: rule id 'one' is already used at " + dir.resolve("a.yaml") + ":3:9"),
        problems());
  }

  @Test
  void aRuleShadowedByAnUnconditionalDenyIsReported() throws Exception {
    Files.writeString(
        dir.resolve("p.yaml"),
        """
        rules:
          - { id: no-github, tools: ["github__*"], action: deny }
          - { id: reads, tools: ["github__get_*"], action: allow }
        """);
    assertEquals(1, problems().size());
    assertEquals(true, problems().get(0).contains("rule reads can never decide: rule no-github"));
  }

  @Test
  void theRevisionChangesWithTheContent() throws Exception {
    Files.writeString(
        dir.resolve("p.yaml"), "rules:\n  - { id: a, tools: [\"x\"], action: allow }\n");
    String first = PolicyLoader.load(dir).revision();
    Files.writeString(
        dir.resolve("p.yaml"), "rules:\n  - { id: a, tools: [\"y\"], action: allow }\n");
    assertNotEquals(first, PolicyLoader.load(dir).revision());
  }

  @Test
  void aPathologicalRegexInputIsCutOffFast() throws Exception {
    Files.writeString(
        dir.resolve("p.yaml"),
        "rules:\n  - { id: r, tools: [\"*\"], when: [{ arg: /s, matches: \"(a+)+$\" }], action: deny }\n");
    PolicySet set = PolicyLoader.load(dir);
    String hostile = "{\"s\":\"" + "a".repeat(60_000) + "!\"}";
    var input =
        PolicyInput.tool(
            new dev.gatehouse.shield.AgentIdentity("a", java.util.Set.of(), "t"),
            "x",
            "",
            new com.fasterxml.jackson.databind.ObjectMapper().readTree(hostile));
    long start = System.nanoTime();
    assertThrows(PolicyTimeoutException.class, () -> set.evaluate(input));
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertEquals(true, millis < 2_000, "took " + millis + " ms");
  }
}
