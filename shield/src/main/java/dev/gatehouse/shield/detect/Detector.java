package dev.gatehouse.shield.detect;

import java.util.List;

/**
 * One kind of thing the shield looks for in text: a secret, a piece of PII, a destructive command,
 * a sensitive path, an SSRF target or an injection marker.
 *
 * <p>Implementations are stateless and thread-safe, and run in time linear in the text's length
 * whatever the text holds (no catastrophic backtracking).
 */
public interface Detector {
  /** The name rules use ({@code aws-access-key}, {@code email}, ...). */
  String name();

  /** The set rules can name to use this detector together with its siblings. */
  DetectorSet set();

  /** Every place in {@code text} where this detector fires, in order; empty when none. */
  List<Match> find(String text);

  /**
   * What a text must hold for {@link #find} to find anything in it; scans skip this detector on
   * texts where none of its triggers holds. The default, {@link Triggers#ALWAYS}, skips nothing.
   */
  default Triggers triggers() {
    return Triggers.ALWAYS;
  }
}
