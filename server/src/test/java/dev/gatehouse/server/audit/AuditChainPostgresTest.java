package dev.gatehouse.server.audit;

import dev.gatehouse.server.store.TestStore;
import java.nio.file.Path;

/** {@link AuditChainCases} on a fresh PostgreSQL database. */
class AuditChainPostgresTest extends AuditChainCases {
  @Override
  TestStore store(Path dir) {
    return TestStore.postgres();
  }
}
