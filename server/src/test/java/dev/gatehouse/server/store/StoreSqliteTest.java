package dev.gatehouse.server.store;

import java.nio.file.Path;

/** {@link StoreCases} on the embedded SQLite file. */
class StoreSqliteTest extends StoreCases {
  @Override
  TestStore store(Path dir) {
    return TestStore.sqlite(dir);
  }
}
