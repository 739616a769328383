package dev.gatehouse.shield;

import java.util.List;

/**
 * An ordered list of stages that every tool call runs through. The order is given once, where the
 * gateway is wired; this class only runs it, checks each stage keeps the {@link Chain} contract,
 * and records in the call's {@link CallTrace} the time each stage spent on its own.
 */
public final class Pipeline {
  private final List<Stage> stages;

  private Pipeline(List<Stage> stages) {
    if (stages.isEmpty()) {
      throw new IllegalArgumentException("a pipeline needs at least one stage");
    }
    this.stages = List.copyOf(stages);
  }

  public static Pipeline of(Stage... stages) {
    return new Pipeline(List.of(stages));
  }

  public static Pipeline of(List<Stage> stages) {
    return new Pipeline(stages);
  }

  public List<Stage> stages() {
    return stages;
  }

  /** Runs the call through every stage, in order, until one answers. */
  public Outcome run(ToolCall call) {
    return new StageChain(0).proceed(call);
  }

  private final class StageChain implements Chain {
    private final int index;
    private boolean proceeded;
    private long spentNanos;

    StageChain(int index) {
      this.index = index;
    }

    @Override
    public Outcome proceed(ToolCall call) {
      if (index >= stages.size()) {
        Stage last = stages.get(stages.size() - 1);
        throw new IllegalStateException(
            "stage " + last.name() + " is the last stage and must not call proceed");
      }
      if (proceeded) {
        Stage caller = stages.get(index - 1);
        throw new IllegalStateException("stage " + caller.name() + " called proceed twice");
      }
      proceeded = true;
      Stage stage = stages.get(index);
      StageChain rest = new StageChain(index + 1);
      long started = System.nanoTime();
      Outcome outcome;
      try {
        outcome = stage.apply(call, rest);
      } finally {
        spentNanos = System.nanoTime() - started;
        call.trace().stage(stage.name(), spentNanos - rest.spentNanos);
      }
      if (outcome == null) {
        throw new IllegalStateException("stage " + stage.name() + " returned null");
      }
      return outcome;
    }
  }
}
