package dev.gatehouse.approvals;

import java.util.Locale;

/** Where an approval request stands. Only {@link #PENDING} ever changes. */
public enum ApprovalState {
  PENDING,
  APPROVED,
  DENIED,
  EXPIRED,
  CANCELLED;

  /** The word in the store, the CLI and the API. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static ApprovalState ofWord(String word) {
    return valueOf(word.toUpperCase(Locale.ROOT));
  }
}
