package dev.gatehouse.server.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Group commit of audit records on a writer thread of its own: records appended while a batch is
 * being written wait for it, and the next batch holds all of them, in one transaction. The batch
 * runs on a virtual thread that only this class knows, so no caller's interrupt reaches it (a
 * cancelled call's thread is interrupted, and on a virtual thread an interrupt fails socket I/O and
 * the pool's wait): no cancelled caller fails the others' records. Each caller returns once its own
 * record is committed; a failed batch fails every caller in it, and any failure, an {@link Error}
 * too, leaves the writer ready for the next batch.
 */
final class GroupCommit {
  private final Consumer<List<AuditRecord>> writeBatch;
  // Builders are not thread-safe: used holding the lock.
  private final Thread.Builder writer = Thread.ofVirtual().name("gatehouse-audit-writer");
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final List<Pending> queue = new ArrayList<>(); // guarded by lock
  private boolean writing; // guarded by lock
  private int exclusiveWaiting; // guarded by lock

  /**
   * @param writeBatch writes the records, in order, in one transaction; throws when it did not
   */
  GroupCommit(Consumer<List<AuditRecord>> writeBatch) {
    this.writeBatch = writeBatch;
  }

  /** Returns once {@code record} is committed; throws when its batch failed. */
  void append(AuditRecord record) {
    Pending mine = new Pending(record);
    lock.lock();
    try {
      queue.add(mine);
      if (!writing && exclusiveWaiting == 0) {
        startWriting();
      }
      while (!mine.done) {
        changed.awaitUninterruptibly();
      }
    } finally {
      lock.unlock();
    }
    if (mine.failure instanceof RuntimeException e) {
      throw e;
    }
    if (mine.failure != null) {
      throw new IllegalStateException("the audit record could not be written", mine.failure);
    }
  }

  /**
   * Runs {@code work} on the calling thread while no batch is being written (pruning), and starts
   * the records that queued meanwhile afterwards.
   */
  <T> T exclusively(Supplier<T> work) {
    lock.lock();
    try {
      exclusiveWaiting++;
      try {
        while (writing) {
          changed.awaitUninterruptibly();
        }
      } finally {
        exclusiveWaiting--;
      }
      writing = true;
    } finally {
      lock.unlock();
    }
    try {
      return work.get();
    } finally {
      lock.lock();
      try {
        writing = false;
        if (!queue.isEmpty() && exclusiveWaiting == 0) {
          startWriting();
        }
        changed.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  /** Hands the queue to the writer thread; called holding the lock. */
  private void startWriting() {
    writing = true;
    try {
      writer.start(this::drain);
    } catch (Throwable t) {
      writing = false;
      finish(new ArrayList<>(queue), t);
      queue.clear();
    }
  }

  /** On the writer thread: writes batches until the queue is empty or pruning waits for a turn. */
  private void drain() {
    while (true) {
      List<Pending> batch;
      lock.lock();
      try {
        if (queue.isEmpty() || exclusiveWaiting > 0) {
          writing = false;
          changed.signalAll();
          return;
        }
        batch = new ArrayList<>(queue);
        queue.clear();
      } finally {
        lock.unlock();
      }
      Throwable failure = null;
      try {
        writeBatch.accept(batch.stream().map(p -> p.record).toList());
      } catch (Throwable t) {
        failure = t;
      }
      lock.lock();
      try {
        finish(batch, failure);
      } finally {
        lock.unlock();
      }
    }
  }

  /** Marks the batch written (or failed) and wakes its callers; called holding the lock. */
  private void finish(List<Pending> batch, Throwable failure) {
    for (Pending p : batch) {
      p.failure = failure;
      p.done = true;
    }
    changed.signalAll();
  }

  /** A record waiting for its batch; guarded by {@link #lock}. */
  private static final class Pending {
    final AuditRecord record;
    boolean done;
    Throwable failure;

    Pending(AuditRecord record) {
      this.record = record;
    }
  }
}
