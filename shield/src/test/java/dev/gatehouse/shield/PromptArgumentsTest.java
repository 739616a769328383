package dev.gatehouse.shield;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The validate stage holds prompt requests to the prompt's declared arguments. */
class PromptArgumentsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final PromptDefinition REVIEW =
      new PromptDefinition(
          "github__review",
          "github",
          "review",
          new McpSchema.Prompt(
              "github__review",
              "Review a pull request",
              List.of(
                  new McpSchema.PromptArgument("pr", "the pull request", true),
                  new McpSchema.PromptArgument("style", "how", false))));

  private final ValidateStage stage =
      new ValidateStage(
          (schema, value) -> {
            throw new AssertionError("a prompt has no input schema to validate against");
          });

  private Outcome run(String arguments) throws Exception {
    JsonNode args = JSON.readTree(arguments);
    ToolCall call =
        ToolCall.of(
                "c1",
                new AgentIdentity("agent", Set.of(), "t1"),
                "s1",
                Feature.PROMPT,
                "github__review",
                args,
                ClientChannel.NONE)
            .withTarget(REVIEW);
    Outcome relayed = Outcome.Denied.of(Outcome.Kind.POLICY, "reached the rest of the chain");
    return stage.apply(call, next -> relayed);
  }

  private static String refusal(Outcome outcome) {
    assertThat(outcome).isInstanceOf(Outcome.Denied.class);
    Outcome.Denied denied = (Outcome.Denied) outcome;
    assertThat(denied.kind()).isEqualTo(Outcome.Kind.INVALID_ARGUMENTS);
    return denied.reason();
  }

  @Test
  void declaredTextArgumentsPass() throws Exception {
    Outcome outcome = run("{\"pr\":\"42\",\"style\":\"short\"}");
    assertThat(((Outcome.Denied) outcome).reason()).isEqualTo("reached the rest of the chain");
  }

  @Test
  void anUndeclaredArgumentIsRefused() throws Exception {
    assertThat(refusal(run("{\"pr\":\"42\",\"token\":\"x\"}")))
        .isEqualTo(
            "prompt github__review does not declare the argument 'token'; declared: pr, style");
  }

  @Test
  void aMissingRequiredArgumentIsRefused() throws Exception {
    assertThat(refusal(run("{\"style\":\"short\"}")))
        .isEqualTo("prompt github__review needs the argument 'pr'");
  }

  @Test
  void aValueThatIsNotTextIsRefused() throws Exception {
    assertThat(refusal(run("{\"pr\":{\"nested\":1}}")))
        .isEqualTo("prompt github__review takes text arguments; not text: 'pr'");
  }
}
