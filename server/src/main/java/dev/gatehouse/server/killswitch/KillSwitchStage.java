package dev.gatehouse.server.killswitch;

import dev.gatehouse.shield.Chain;
import dev.gatehouse.shield.Outcome;
import dev.gatehouse.shield.Stage;
import dev.gatehouse.shield.ToolCall;
import java.util.function.Supplier;

/**
 * Refuses every request (tool call, prompt, resource read) while the kill switch is on, or cannot
 * be read. Placed right after authentication, so the refusal is audited with the agent's name and
 * nothing of the request is looked at; and again just before the relay, for calls that were waiting
 * for an approval when the switch was turned on.
 */
public final class KillSwitchStage implements Stage {
  private final Supplier<KillSwitchState> state;

  public KillSwitchStage(Supplier<KillSwitchState> state) {
    this.state = state;
  }

  @Override
  public Outcome apply(ToolCall call, Chain chain) {
    KillSwitchState now = state.get();
    if (now.refuses()) {
      return Outcome.Denied.of(Outcome.Kind.KILL_SWITCH, now.reason());
    }
    return chain.proceed(call);
  }
}
