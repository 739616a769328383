package dev.gatehouse.shield.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.gatehouse.shield.AgentIdentity;
import dev.gatehouse.shield.ClientChannel;
import dev.gatehouse.shield.Finding;
import dev.gatehouse.shield.Outcome;
import dev.gatehouse.shield.Pipeline;
import dev.gatehouse.shield.PolicyStage;
import dev.gatehouse.shield.ToolCall;
import dev.gatehouse.shield.ToolDefinition;
import dev.gatehouse.shield.detect.Detector;
import dev.gatehouse.shield.detect.DetectorSet;
import dev.gatehouse.shield.detect.Detectors;
import dev.gatehouse.shield.detect.Match;
import dev.gatehouse.shield.detect.ResultRedactor;
import dev.gatehouse.shield.rate.InMemoryRateLimiter;
import dev.gatehouse.shield.yaml.InvalidFileException;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code detect:} conditions, {@code action: redact}, findings in decisions and in tests. */
class DetectRulesTest {
  @TempDir Path dir;
  private final ObjectMapper mapper = new ObjectMapper();

  /** Fires on a fixed word; counts its runs. */
  private static final class WordDetector implements Detector {
    final String name;
    final DetectorSet set;
    final Pattern word;
    final AtomicInteger runs = new AtomicInteger();

    WordDetector(String name, DetectorSet set, String word) {
      this.name = name;
      this.set = set;
      this.word = Pattern.compile(Pattern.quote(word));
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public DetectorSet set() {
      return set;
    }

    @Override
    public List<Match> find(String text) {
      runs.incrementAndGet();
      List<Match> matches = new ArrayList<>();
      var m = word.matcher(text);
      while (m.find()) {
        matches.add(new Match(m.start(), m.end()));
      }
      return matches;
    }
  }

  private final WordDetector key = new WordDetector("test-key", DetectorSet.SECRETS, "KEY123");
  private final WordDetector mail = new WordDetector("test-mail", DetectorSet.PII, "a@b.example");
  private final Detectors detectors = new Detectors(List.of(key, mail));

  private PolicySet load(String yaml) throws Exception {
    Files.writeString(dir.resolve("policy.yaml"), yaml);
    return PolicyLoader.load(dir, detectors);
  }

  private Decision decide(PolicySet set, String tool, String json) throws Exception {
    return set.evaluate(
        PolicyInput.tool(new AgentIdentity("a", Set.of(), "t"), tool, "up", mapper.readTree(json)));
  }

  @Test
  void aDetectConditionMatchesByNameOrSetAndTheDecisionCarriesWhereNotWhat() throws Exception {
    PolicySet set =
        load(
            """
            default: allow
            rules:
              - id: no-secrets
                tools: ["*"]
                when: [{ detect: secrets }]
                action: deny
                reason: Arguments must not carry credentials.
              - id: no-mail-in-body
                tools: ["mail__*"]
                when: [{ detect: [test-mail], arg: /body }]
                action: deny
            """);
    Decision leak = decide(set, "x__y", "{\"headers\":{\"auth\":\"Bearer KEY123\"}}");
    assertThat(leak.action()).isEqualTo(Action.DENY);
    assertThat(leak.rule()).contains("no-secrets");
    assertThat(leak.findings()).containsExactly(new Finding("test-key", "/headers/auth"));
    assertThat(leak.toString()).doesNotContain("KEY123");

    assertThat(decide(set, "mail__send", "{\"to\":\"a@b.example\"}").action())
        .as("an address outside /body is not what the rule looks at")
        .isEqualTo(Action.ALLOW);
    Decision inBody = decide(set, "mail__send", "{\"body\":{\"text\":\"write to a@b.example\"}}");
    assertThat(inBody.rule()).contains("no-mail-in-body");
    assertThat(inBody.findings()).contains(new Finding("test-mail", "/body/text"));
  }

  @Test
  void eachDetectorRunsOncePerCallHoweverManyRulesNameIt() throws Exception {
    PolicySet set =
        load(
            """
            default: allow
            rules:
              - { id: r1, tools: ["*"], when: [{ detect: test-key }], action: approve }
              - { id: r2, tools: ["*"], when: [{ detect: secrets }], action: deny }
              - { id: r3, tools: ["*"], when: [{ not: { detect: [test-key] } }], action: allow }
            """);
    decide(set, "t", "{\"a\":\"x\"}");
    assertThat(key.runs.get()).as("one scan: the key 'a' and the value 'x'").isEqualTo(2);
  }

  @Test
  void unknownDetectorsAndMisplacedRedactListsAreReportedWithTheirPlace() throws Exception {
    InvalidFileException e =
        assertThrows(
            InvalidFileException.class,
            () ->
                load(
                    """
                    rules:
                      - id: bad
                        tools: ["*"]
                        when: [{ detect: [test-kye] }]
                        action: deny
                      - { id: r, tools: ["*"], action: redact }
                      - { id: s, tools: ["*"], action: allow, redact: [pii] }
                    """));
    assertThat(e.getMessage())
        .contains("policy.yaml:4:23: unknown detector 'test-kye' (did you mean 'test-key'?)")
        .contains("policy.yaml:6:5: a rule with action: redact needs 'redact'")
        .contains("'redact' only makes sense with action: redact");
  }

  @Test
  void redactRulesNeverDecideButMaskTheResponseOfAnAllowedCall() throws Exception {
    PolicySet set =
        load(
            """
            default: deny
            rules:
              - { id: crm, tools: ["crm__*"], action: allow }
              - { id: mask-pii, tools: ["*"], action: redact, redact: [pii] }
            """);
    Decision other = decide(set, "db__query", "{}");
    assertThat(other.action()).as("a redact rule alone allows nothing").isEqualTo(Action.DENY);

    McpSchema.CallToolResult upstream =
        McpSchema.CallToolResult.builder()
            .addTextContent("contact a@b.example today, key KEY123")
            .structuredContent(Map.of("people", List.of(Map.of("mail", "a@b.example"))))
            .build();
    Outcome outcome = pipeline(set, upstream).run(call("crm__lookup"));
    Outcome.Completed completed = (Outcome.Completed) outcome;
    McpSchema.CallToolResult masked = (McpSchema.CallToolResult) completed.result();
    assertThat(((McpSchema.TextContent) masked.content().get(0)).text())
        .isEqualTo("contact [REDACTED:test-mail] today, key KEY123");
    assertThat(mapper.writeValueAsString(masked.structuredContent()))
        .doesNotContain("a@b.example")
        .contains("[REDACTED:test-mail]");
    assertThat(completed.findings())
        .containsExactly(
            new Finding("test-mail", "/result/content/0/text"),
            new Finding("test-mail", "/result/structuredContent/people/0/mail"));
  }

  @Test
  void aDeniedCallCarriesTheFindingsOfItsArguments() throws Exception {
    PolicySet set =
        load("rules:\n  - { id: d, tools: [\"*\"], when: [{ detect: secrets }], action: deny }\n");
    ToolCall call =
        ToolCall.of(
                "c",
                new AgentIdentity("a", Set.of(), "t"),
                "s",
                "x__t",
                mapper.readTree("{\"token\":\"KEY123\"}"),
                ClientChannel.NONE)
            .withTarget(definition("x__t"));
    Outcome outcome = pipeline(set, McpSchema.CallToolResult.builder().build()).run(call);
    assertThat(outcome)
        .isEqualTo(
            new Outcome.Denied(
                Outcome.Kind.POLICY,
                "policy rule d says deny",
                "d",
                List.of(new Finding("test-key", "/token"))));
  }

  @Test
  void policyTestsCanExpectFindings() throws Exception {
    PolicySet set =
        load(
            """
            default: allow
            rules:
              - { id: d, tools: ["*"], when: [{ detect: secrets }], action: deny }
            tests:
              - name: a key is found and denied
                call: { agent: a, tool: t, args: { k: KEY123 } }
                expect: deny
                findings: [test-key]
              - name: this one expects a finding that is not there
                call: { agent: a, tool: t, args: { k: nothing } }
                expect: allow
                findings: [test-mail]
            """);
    List<PolicyTestRunner.Result> results = PolicyTestRunner.run(set);
    assertThat(results.get(0).passed()).isTrue();
    assertThat(results.get(1).passed()).isFalse();
    assertThat(results.get(1).message()).contains("with findings [test-mail]");
  }

  private Pipeline pipeline(PolicySet set, McpSchema.CallToolResult result) {
    return Pipeline.of(
        new PolicyStage(
            () -> set, new InMemoryRateLimiter(Clock.systemUTC()), new ResultRedactor(mapper)),
        (call, chain) -> new Outcome.Completed(result));
  }

  private static ToolCall call(String tool) {
    return ToolCall.of(
            "c",
            new AgentIdentity("a", Set.of(), "t"),
            "s",
            tool,
            JsonNodeFactory.instance.objectNode(),
            ClientChannel.NONE)
        .withTarget(definition(tool));
  }

  private static ToolDefinition definition(String tool) {
    return new ToolDefinition(
        tool,
        "up",
        tool.substring(tool.indexOf("__") + 2),
        McpSchema.Tool.builder().name(tool).inputSchema(Map.of("type", "object")).build());
  }
}
