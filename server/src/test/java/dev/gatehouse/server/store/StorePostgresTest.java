package dev.gatehouse.server.store;

import java.nio.file.Path;

/** {@link StoreCases} on a fresh PostgreSQL database. */
class StorePostgresTest extends StoreCases {
  @Override
  TestStore store(Path dir) {
    return TestStore.postgres();
  }
}
