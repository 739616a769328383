package dev.gatehouse.shield;

/** The rest of the pipeline, seen from one stage. */
public interface Chain {
  /**
   * Runs the remaining stages. A stage may call this at most once.
   *
   * @return what the remaining stages produced; never {@code null}
   */
  Outcome proceed(ToolCall call);
}
