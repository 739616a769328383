package dev.gatehouse.server.audit;

import java.util.Optional;

/**
 * The result of checking the audit chain.
 *
 * @param checked how many records were checked
 * @param firstBad the first record that does not fit the chain, and why
 * @param head the last record that fits (or the anchor of a pruned chain, or record 0 and the
 *     genesis hash for an empty one)
 */
public record Verification(long checked, Optional<String> firstBad, Head head) {
  public boolean intact() {
    return firstBad.isEmpty();
  }

  /**
   * A record's place and hash: kept outside the store, it shows later whether the chain was cut
   * back ({@code gatehouse audit verify --expect-head SEQ:HASH}).
   */
  public record Head(long seq, String hash) {
    @Override
    public String toString() {
      return seq + ":" + hash;
    }
  }
}
