package dev.gatehouse.server.audit;

import java.util.Optional;

/**
 * The result of checking the audit chain.
 *
 * @param checked how many records were checked
 * @param firstBad the first record that does not fit the chain, and why
 */
public record Verification(long checked, Optional<String> firstBad) {
  public boolean intact() {
    return firstBad.isEmpty();
  }
}
