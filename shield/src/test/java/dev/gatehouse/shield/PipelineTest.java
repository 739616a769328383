package dev.gatehouse.shield;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PipelineTest {
  private static final ToolCall CALL =
      ToolCall.of(
          "call-1",
          new AgentIdentity("agent", Set.of(), "token-1"),
          "session-1",
          "demo__echo",
          JsonNodeFactory.instance.objectNode(),
          ClientChannel.NONE);
  private static final Outcome DONE =
      new Outcome.Completed(McpSchema.CallToolResult.builder().addTextContent("done").build());

  /** Records that it ran, then passes the call on. */
  private record RecordingStage(String label, List<String> seen) implements Stage {
    @Override
    public Outcome apply(ToolCall call, Chain chain) {
      seen.add(label);
      return chain.proceed(call);
    }

    @Override
    public String name() {
      return label;
    }
  }

  @Test
  void runsStagesInTheOrderGiven() {
    List<String> seen = new ArrayList<>();
    Pipeline pipeline =
        Pipeline.of(
            new RecordingStage("a", seen), new RecordingStage("b", seen), (call, chain) -> DONE);
    assertEquals(DONE, pipeline.run(CALL));
    assertEquals(List.of("a", "b"), seen);
  }

  @Test
  void aStageThatAnswersStopsThePipeline() {
    List<String> seen = new ArrayList<>();
    Outcome denied = Outcome.Denied.of(Outcome.Kind.POLICY, "no");
    Pipeline pipeline = Pipeline.of((call, chain) -> denied, new RecordingStage("never", seen));
    assertEquals(denied, pipeline.run(CALL));
    assertTrue(seen.isEmpty());
  }

  @Test
  void proceedingTwiceIsAContractErrorNamingTheStage() {
    Stage greedy =
        new Stage() {
          @Override
          public Outcome apply(ToolCall call, Chain chain) {
            chain.proceed(call);
            return chain.proceed(call);
          }

          @Override
          public String name() {
            return "Greedy";
          }
        };
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> Pipeline.of(greedy, (c, ch) -> DONE).run(CALL));
    assertTrue(e.getMessage().contains("Greedy"), e.getMessage());
  }

  @Test
  void returningNullIsAContractError() {
    Stage broken =
        new Stage() {
          @Override
          public Outcome apply(ToolCall call, Chain chain) {
            return null;
          }

          @Override
          public String name() {
            return "Broken";
          }
        };
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> Pipeline.of(broken).run(CALL));
    assertTrue(e.getMessage().contains("Broken returned null"), e.getMessage());
  }

  @Test
  void theLastStageMustNotProceed() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> Pipeline.of((call, chain) -> chain.proceed(call)).run(CALL));
    assertTrue(e.getMessage().contains("last stage"), e.getMessage());
  }

  @Test
  void aCallMustBeResolvedBeforeItsTargetIsRead() {
    assertThrows(IllegalStateException.class, CALL::resolved);
    assertInstanceOf(Outcome.Denied.class, Outcome.Denied.of(Outcome.Kind.UNKNOWN_TOOL, "x"));
  }
}
