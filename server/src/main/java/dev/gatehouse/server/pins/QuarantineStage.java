package dev.gatehouse.server.pins;

import dev.gatehouse.shield.Chain;
import dev.gatehouse.shield.Outcome;
import dev.gatehouse.shield.Stage;
import dev.gatehouse.shield.ToolCall;
import dev.gatehouse.shield.pin.PinVerdict;

/** Refuses a call to a tool whose definition is not the pinned one. */
public final class QuarantineStage implements Stage {
  private final ToolPins pins;

  public QuarantineStage(ToolPins pins) {
    this.pins = pins;
  }

  @Override
  public Outcome apply(ToolCall call, Chain chain) {
    PinVerdict verdict = call.resolvedTool().map(pins::verdict).orElse(PinVerdict.TRUSTED);
    if (verdict instanceof PinVerdict.Quarantined quarantined) {
      return Outcome.Denied.of(Outcome.Kind.QUARANTINED, quarantined.reason());
    }
    return chain.proceed(call);
  }
}
