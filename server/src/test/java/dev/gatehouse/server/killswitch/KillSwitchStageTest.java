package dev.gatehouse.server.killswitch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.gatehouse.server.store.KillSwitchStore;
import dev.gatehouse.shield.AgentIdentity;
import dev.gatehouse.shield.Chain;
import dev.gatehouse.shield.ClientChannel;
import dev.gatehouse.shield.Feature;
import dev.gatehouse.shield.Outcome;
import dev.gatehouse.shield.ToolCall;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class KillSwitchStageTest {
  static final Outcome DONE =
      new Outcome.Completed(McpSchema.CallToolResult.builder().addTextContent("done").build());

  /** The rest of the pipeline: records each call that reached it. */
  static final class RecordingChain implements Chain {
    final List<ToolCall> reached = new ArrayList<>();

    @Override
    public Outcome proceed(ToolCall call) {
      reached.add(call);
      return DONE;
    }
  }

  static ToolCall call(Feature feature) {
    return ToolCall.of(
        "call-1",
        new AgentIdentity("agent", Set.of(), "token-1"),
        "session-1",
        feature,
        feature == Feature.RESOURCE ? "file:///x" : "demo__echo",
        JsonNodeFactory.instance.objectNode(),
        ClientChannel.NONE);
  }

  @Test
  void offLetsTheCallThrough() {
    RecordingChain chain = new RecordingChain();
    Outcome outcome =
        new KillSwitchStage(KillSwitchState.Off::new).apply(call(Feature.TOOL), chain);
    assertThat(outcome).isEqualTo(DONE);
    assertThat(chain.reached).hasSize(1);
  }

  @ParameterizedTest
  @EnumSource(Feature.class)
  void onRefusesEveryKindOfRequestWithWhoWhyAndSince(Feature feature) {
    RecordingChain chain = new RecordingChain();
    KillSwitchState on =
        new KillSwitchState.On(
            new KillSwitchStore.Engaged(
                "cli:alice", "incident 42", Instant.parse("2026-11-30T03:00:00.123Z")));
    Outcome outcome = new KillSwitchStage(() -> on).apply(call(feature), chain);
    assertThat(chain.reached).isEmpty();
    assertThat(outcome).isInstanceOf(Outcome.Denied.class);
    Outcome.Denied denied = (Outcome.Denied) outcome;
    assertThat(denied.kind()).isEqualTo(Outcome.Kind.KILL_SWITCH);
    assertThat(denied.reason())
        .isEqualTo("the kill switch is on since 2026-11-30T03:00:00Z (by cli:alice): incident 42");
  }

  @Test
  void anUnreadableSwitchRefusesTheCall() {
    RecordingChain chain = new RecordingChain();
    Outcome outcome =
        new KillSwitchStage(KillSwitchState.Unreadable::new).apply(call(Feature.TOOL), chain);
    assertThat(chain.reached).isEmpty();
    assertThat(((Outcome.Denied) outcome).reason())
        .isEqualTo(
            "the kill switch cannot be read from the store; requests are refused until it can");
  }
}
