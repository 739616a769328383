package dev.gatehouse.server.approvals;

import dev.gatehouse.server.store.TestStore;
import java.nio.file.Path;

/** {@link ApprovalQueueCases} on a fresh PostgreSQL database. */
class ApprovalQueuePostgresTest extends ApprovalQueueCases {
  @Override
  TestStore store(Path dir) {
    return TestStore.postgres();
  }
}
