package dev.gatehouse.server.audit;

import java.util.List;

/**
 * The tamper-evident record of every call: a hash chain. {@link #append} returns only once the
 * record is committed.
 */
public interface AuditLog {
  void append(AuditRecord record);

  /** The newest records, newest last. */
  List<ChainedRecord> latest(int count);

  /** The newest records' contents, newest last. */
  default List<AuditRecord> tail(int count) {
    return latest(count).stream().map(ChainedRecord::record).toList();
  }

  /** Records with a sequence number above {@code afterSeq}, oldest first, at most {@code limit}. */
  List<ChainedRecord> after(long afterSeq, int limit);

  /** Records at or after {@code since}, oldest first. */
  List<ChainedRecord> since(java.time.Instant since);

  /**
   * Recomputes the chain and names the first record that does not fit; reads only. A chain cut back
   * at its newest end still fits: compare its head with one kept elsewhere.
   */
  Verification verify();

  /**
   * Deletes records older than {@code before}, keeping the hash of the last one deleted as the
   * anchor the remaining chain is verified from, and appends an {@code audit_pruned} event.
   *
   * @param by who prunes, for the event
   * @return how many records were deleted
   */
  long prune(java.time.Instant before, String by);
}
