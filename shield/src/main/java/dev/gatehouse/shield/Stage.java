package dev.gatehouse.shield;

/**
 * One step of the tool-call path. A stage either answers by itself (returns an {@link Outcome}
 * without calling {@link Chain#proceed}) or hands the call on and may look at, or replace, what
 * comes back.
 *
 * <p>Stages run on a virtual thread per call and may block (an approval wait, an upstream call).
 * They must not throw for expected refusals: a refusal is an {@link Outcome.Denied}.
 */
@FunctionalInterface
public interface Stage {
  Outcome apply(ToolCall call, Chain chain);

  /** The stage's name in errors, metrics and audit timings. */
  default String name() {
    return getClass().getSimpleName();
  }
}
