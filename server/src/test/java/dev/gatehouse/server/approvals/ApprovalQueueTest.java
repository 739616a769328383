package dev.gatehouse.server.approvals;

import dev.gatehouse.server.store.TestStore;
import java.nio.file.Path;

/** {@link ApprovalQueueCases} on the embedded SQLite file. */
class ApprovalQueueTest extends ApprovalQueueCases {
  @Override
  TestStore store(Path dir) {
    return TestStore.sqlite(dir);
  }
}
