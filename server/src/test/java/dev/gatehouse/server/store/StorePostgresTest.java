package dev.gatehouse.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** {@link StoreCases} on a fresh PostgreSQL database, and what only a shared database needs. */
class StorePostgresTest extends StoreCases {
  @Override
  TestStore store(Path dir) {
    return TestStore.postgres();
  }

  @Test
  void exclusiveWorkOnTwoNodesTakesTurns() throws Exception {
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    try (Database other = store.open();
        ExecutorService threads = Executors.newFixedThreadPool(8)) {
      List<Future<Integer>> done = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        Database node = i % 2 == 0 ? database : other;
        done.add(
            threads.submit(
                () ->
                    node.exclusively(
                        Dialect.SIGNING_KEY,
                        () -> {
                          most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                          LockSupport.parkNanos(5_000_000); // some work while holding the lock
                          return inside.decrementAndGet();
                        })));
      }
      for (Future<Integer> f : done) {
        f.get();
      }
    }
    assertThat(most.get()).isEqualTo(1);
  }
}
