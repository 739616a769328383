package dev.gatehouse.shield.rate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.gatehouse.shield.AgentIdentity;
import dev.gatehouse.shield.ClientChannel;
import dev.gatehouse.shield.Outcome;
import dev.gatehouse.shield.Pipeline;
import dev.gatehouse.shield.PolicyStage;
import dev.gatehouse.shield.ToolCall;
import dev.gatehouse.shield.ToolDefinition;
import dev.gatehouse.shield.detect.ResultRedactor;
import dev.gatehouse.shield.policy.PolicyLoader;
import dev.gatehouse.shield.policy.PolicySet;
import dev.gatehouse.shield.yaml.InvalidFileException;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rate limits from policy, on a clock the test moves. */
class RateLimitTest {
  @TempDir Path dir;

  /** A clock that only moves when told to. */
  static final class MovableClock implements InstantSource {
    private Instant now = Instant.parse("2026-11-24T00:00:00Z");

    @Override
    public Instant instant() {
      return now;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }
  }

  private final MovableClock clock = new MovableClock();

  private Pipeline pipeline(String yaml) throws Exception {
    return pipeline(yaml, new InMemoryRateLimiter(clock));
  }

  private Pipeline pipeline(String yaml, RateLimiter limiter) throws Exception {
    Files.writeString(dir.resolve("p.yaml"), yaml);
    PolicySet set = PolicyLoader.load(dir);
    Outcome relayed =
        new Outcome.Completed(McpSchema.CallToolResult.builder().addTextContent("ok").build());
    return Pipeline.of(
        new PolicyStage(
            () -> set,
            limiter,
            new ResultRedactor(new com.fasterxml.jackson.databind.ObjectMapper())),
        (call, chain) -> relayed);
  }

  private static ToolCall call(String agent, String tool) {
    McpSchema.Tool definition =
        McpSchema.Tool.builder().name(tool).inputSchema(Map.of("type", "object")).build();
    return ToolCall.of(
            "c",
            new AgentIdentity(agent, Set.of(), "t"),
            "s",
            tool,
            JsonNodeFactory.instance.objectNode(),
            ClientChannel.NONE)
        .withTarget(new ToolDefinition(tool, "gh", tool.substring(4), definition));
  }

  @Test
  void theCallOverTheLimitIsRefusedWithARetryTimeAndTheBucketRefills() throws Exception {
    Pipeline pipeline =
        pipeline("rules:\n  - { id: writes, tools: [\"gh__*\"], action: allow, rate: 3/minute }\n");
    for (int i = 0; i < 3; i++) {
      assertInstanceOf(Outcome.Completed.class, pipeline.run(call("bot", "gh__push")));
    }
    Outcome.Denied limited =
        assertInstanceOf(Outcome.Denied.class, pipeline.run(call("bot", "gh__push")));
    assertEquals(Outcome.Kind.RATE_LIMITED, limited.kind());
    assertEquals("writes", limited.ruleId());
    assertEquals("rate limit 3/minute per agent reached; retry after 20 s", limited.reason());

    assertInstanceOf(
        Outcome.Completed.class,
        pipeline.run(call("other-bot", "gh__push")),
        "buckets are per agent");
    clock.advance(Duration.ofSeconds(19));
    assertInstanceOf(Outcome.Denied.class, pipeline.run(call("bot", "gh__push")));
    clock.advance(Duration.ofSeconds(1));
    assertInstanceOf(Outcome.Completed.class, pipeline.run(call("bot", "gh__push")));
  }

  @Test
  void perToolAndPerRuleBuckets() throws Exception {
    Pipeline perTool =
        pipeline(
            "rules:\n  - { id: r, tools: [\"gh__*\"], action: allow, rate: 1/hour, per: tool }\n");
    assertInstanceOf(Outcome.Completed.class, perTool.run(call("a", "gh__one")));
    assertInstanceOf(Outcome.Completed.class, perTool.run(call("a", "gh__two")));
    assertInstanceOf(Outcome.Denied.class, perTool.run(call("b", "gh__one")));

    Pipeline perRule =
        pipeline(
            "rules:\n  - { id: r2, tools: [\"gh__*\"], action: allow, rate: 1/day, per: rule }\n");
    assertInstanceOf(Outcome.Completed.class, perRule.run(call("a", "gh__one")));
    assertInstanceOf(Outcome.Denied.class, perRule.run(call("b", "gh__two")));
  }

  @Test
  void deniedCallsDoNotSpendTokens() throws Exception {
    Pipeline pipeline =
        pipeline(
            "rules:\n  - { id: r, tools: [\"gh__*\"], action: allow, rate: 1/minute }\n"
                + "  - { id: no-push, tools: [\"gh__push\"], action: deny }\n");
    assertInstanceOf(Outcome.Denied.class, pipeline.run(call("a", "gh__push")));
    assertInstanceOf(Outcome.Completed.class, pipeline.run(call("a", "gh__pull")));
  }

  @Test
  void aLimitThatCannotBeCheckedRefusesTheCallAndUnlimitedCallsGoOn() throws Exception {
    Pipeline pipeline =
        pipeline(
            "rules:\n  - { id: shared, tools: [\"gh__push\"], action: allow, rate: 5/minute }\n"
                + "  - { id: free, tools: [\"gh__pull\"], action: allow }\n",
            (key, rate) ->
                new RateDecision.Unavailable("the shared rate limit store is unavailable"));
    Outcome.Denied refused =
        assertInstanceOf(Outcome.Denied.class, pipeline.run(call("bot", "gh__push")));
    assertEquals(Outcome.Kind.RATE_LIMITED, refused.kind());
    assertEquals("shared", refused.ruleId());
    assertEquals(
        "rate limit 5/minute cannot be checked: the shared rate limit store is unavailable; the"
            + " call is refused until it is back",
        refused.reason());
    assertInstanceOf(Outcome.Completed.class, pipeline.run(call("bot", "gh__pull")));
  }

  @Test
  void aBadRateIsAPolicyErrorWithItsPlace() throws Exception {
    Files.writeString(
        dir.resolve("p.yaml"),
        "rules:\n  - { id: r, tools: [\"x\"], action: allow, rate: lots }\n");
    InvalidFileException e = assertThrows(InvalidFileException.class, () -> PolicyLoader.load(dir));
    assertTrue(
        e.getMessage().contains("p.yaml:2:49: 'rate' must be like 30/minute"), e.getMessage());
  }
}
