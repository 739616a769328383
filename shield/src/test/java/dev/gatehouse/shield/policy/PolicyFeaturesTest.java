package dev.gatehouse.shield.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.gatehouse.shield.AgentIdentity;
import dev.gatehouse.shield.Feature;
import dev.gatehouse.shield.yaml.InvalidFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rules over prompts and resources, kept apart from rules over tools. */
class PolicyFeaturesTest {
  @TempDir Path dir;
  private final AgentIdentity agent = new AgentIdentity("a", Set.of(), "t");

  private PolicySet load(String yaml) throws Exception {
    Files.writeString(dir.resolve("policy.yaml"), yaml);
    return PolicyLoader.load(dir);
  }

  private Decision decide(PolicySet set, Feature feature, String name, String upstream) {
    return set.evaluate(
        new PolicyInput(agent, feature, name, upstream, JsonNodeFactory.instance.objectNode()));
  }

  @Test
  void eachFeatureIsMatchedOnlyByItsOwnList() throws Exception {
    PolicySet set =
        load(
            """
            default: deny
            rules:
              - { id: all-tools, tools: ["*"], action: allow }
              - { id: docs, resources: ["docs://*"], action: allow }
              - { id: no-secret-docs, resources: ["docs://secret/*"], action: deny }
              - { id: review, prompts: ["gh__review*"], action: allow }
            """);
    assertThat(decide(set, Feature.TOOL, "gh__review", "gh").rule()).contains("all-tools");
    assertThat(decide(set, Feature.PROMPT, "gh__review", "gh").rule()).contains("review");
    assertThat(decide(set, Feature.PROMPT, "gh__other", "gh").action())
        .as("a tools list says nothing about prompts")
        .isEqualTo(Action.DENY);
    assertThat(decide(set, Feature.RESOURCE, "docs://readme", "d").action())
        .isEqualTo(Action.ALLOW);
    Decision secret = decide(set, Feature.RESOURCE, "docs://secret/payroll", "d");
    assertThat(secret.rule()).contains("no-secret-docs");
    assertThat(decide(set, Feature.RESOURCE, "file:///etc/passwd", "d").reason())
        .isEqualTo("no policy rule allows resource file:///etc/passwd for agent a");

    assertThat(set.mayEverAllow(agent, Feature.RESOURCE, "docs://secret/x", "d")).isFalse();
    assertThat(set.mayEverAllow(agent, Feature.RESOURCE, "docs://open", "d")).isTrue();
    assertThat(set.mayEverAllow(agent, Feature.PROMPT, "gh__other", "gh")).isFalse();
  }

  @Test
  void aReadThroughATemplateIsRefusedByRulesThatDenyTheTemplateText() throws Exception {
    PolicySet set =
        load(
            """
            default: deny
            rules:
              - { id: repos, resources: ["repo://*"], action: allow }
              - { id: no-acme, resources: ["repo://acme/{name}"], action: deny }
              - { id: only-template, resources: ["wiki://{page}"], action: allow }
            """);
    Decision read =
        set.evaluate(
            new PolicyInput(
                agent,
                Feature.RESOURCE,
                "repo://acme/payroll",
                "r",
                JsonNodeFactory.instance.objectNode(),
                List.of("repo://acme/{name}")));
    assertThat(read.action()).isEqualTo(Action.DENY);
    assertThat(read.rule()).contains("no-acme");
    assertThat(decide(set, Feature.RESOURCE, "repo://acme/payroll", "r").action())
        .as("the same URI listed by the upstream itself is judged by its URI")
        .isEqualTo(Action.ALLOW);
    assertThat(
            set.evaluate(
                    new PolicyInput(
                        agent,
                        Feature.RESOURCE,
                        "wiki://home",
                        "w",
                        JsonNodeFactory.instance.objectNode(),
                        List.of("wiki://{page}")))
                .action())
        .as("allowing a template's text does not allow the URIs read through it")
        .isEqualTo(Action.DENY);
  }

  @Test
  void testsNameExactlyOneOfToolPromptOrResource() throws Exception {
    PolicySet set =
        load(
            """
            rules:
              - { id: docs, resources: ["docs://*"], action: allow }
            tests:
              - name: a doc may be read
                call: { agent: a, resource: "docs://readme", upstream: d }
                expect: allow
                rule: docs
            """);
    assertThat(PolicyTestRunner.run(set)).allMatch(PolicyTestRunner.Result::passed);

    InvalidFileException e =
        assertThrows(
            InvalidFileException.class,
            () ->
                load(
                    """
                    rules:
                      - { id: nothing, action: allow }
                    tests:
                      - name: two at once
                        call: { agent: a, tool: t, prompt: p }
                        expect: allow
                    """));
    assertThat(e.getMessage())
        .contains("a rule needs 'tools', 'prompts' or 'resources'")
        .contains("'call' needs exactly one of 'tool', 'prompt' or 'resource', found 2");
  }
}
