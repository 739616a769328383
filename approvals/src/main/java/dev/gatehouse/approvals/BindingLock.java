package dev.gatehouse.approvals;

import org.jdbi.v3.core.Handle;

/**
 * Makes admissions of calls with the same {@link Binding} take turns across processes and nodes,
 * from inside the admitting transaction until it ends. Without it, two nodes on a database whose
 * transactions do not serialize writers (PostgreSQL under READ COMMITTED) could both see no pending
 * request for a binding and both open one.
 */
@FunctionalInterface
public interface BindingLock {
  /** Blocks until no other transaction holds the lock for {@code binding}; held until commit. */
  void hold(Handle h, Binding binding);

  /**
   * For a store whose write transactions already take turns (SQLite: each one is immediate, so two
   * writers never overlap).
   */
  BindingLock NONE = (h, binding) -> {};
}
