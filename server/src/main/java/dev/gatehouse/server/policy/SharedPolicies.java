package dev.gatehouse.server.policy;

import dev.gatehouse.server.store.PolicyBundleStore;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One policy set for the cluster (with {@code cluster.database}): the last set loaded by any node
 * from its directory wins. A node that loads a set because its directory changed stores it, with
 * its files, in the shared database; every node polls for the newest set every {@link #POLL} and
 * adopts it when its revision differs from the one in force, compiled from the files exactly as a
 * directory is (a broken set never replaces the last good one). At start, a node adopts the
 * cluster's newest set when there is one.
 */
public final class SharedPolicies {
  public static final Duration POLL = Duration.ofMillis(250);
  private static final Logger log = LoggerFactory.getLogger(SharedPolicies.class);

  private final PolicyWatcher watcher;
  private final PolicyBundleStore store;
  private final String node;
  private final InstantSource clock;
  private long lastSeq;
  private Optional<PolicyWatcher.Loaded> unpublished = Optional.empty();
  private boolean failing;

  public SharedPolicies(
      PolicyWatcher watcher, PolicyBundleStore store, String node, InstantSource clock) {
    this.watcher = watcher;
    this.store = store;
    this.node = node;
    this.clock = clock;
    watcher.onDirectoryLoad(this::publish);
  }

  /**
   * Puts the cluster's newest set in force, or makes this node's the first one. Fails when the
   * database cannot be read: the node would not know which set is in force.
   */
  public synchronized void start() {
    PolicyWatcher.Loaded own = watcher.loadedAtStart();
    Optional<PolicyBundleStore.Head> newest = store.newest();
    if (newest.isEmpty()) {
      publish(own);
      return;
    }
    adoptNewest(newest.get());
    if (own.set().revision().equals(newest.get().revision())) {
      return;
    }
    if (watcher.get().revision().equals(newest.get().revision())) {
      log.warn(
          "this node's policy directory holds policy set {}, but the cluster's newest is {},"
              + " which is in force here; to make this directory's set the cluster's, edit or"
              + " touch a file in it (the last set loaded by any node wins)",
          own.set().revision(),
          newest.get().revision());
    } else {
      log.error(
          "the cluster's newest policy set {} was rejected (see above); this node's directory"
              + " set {} stays in force; fix the set by changing a policy file on any node",
          newest.get().revision(),
          own.set().revision());
    }
  }

  /** Stores a set loaded from this node's directory; retried by {@link #poll} if it fails. */
  private synchronized void publish(PolicyWatcher.Loaded loaded) {
    unpublished = Optional.of(loaded);
    publishPending();
  }

  private void publishPending() {
    if (unpublished.isEmpty()) {
      return;
    }
    PolicyWatcher.Loaded loaded = unpublished.get();
    try {
      // lastSeq is not moved here: the next look at the newest set adopts whatever is newest then,
      // this set or one another node stored after it.
      store.store(loaded.set().revision(), loaded.files(), node, clock.instant());
      unpublished = Optional.empty();
      log.info("policy set {} stored for the cluster", loaded.set().revision());
    } catch (RuntimeException e) {
      if (!failing) {
        log.error(
            "policy set {} could not be stored for the cluster ({}); retrying",
            loaded.set().revision(),
            e.getClass().getSimpleName());
      }
      failing = true;
    }
  }

  /** Stores what is pending and adopts the newest set if another node stored one. */
  public synchronized void poll() {
    try {
      publishPending();
      Optional<PolicyBundleStore.Head> newer = store.newest().filter(head -> head.seq() > lastSeq);
      if (newer.isPresent() && unpublished.isPresent()) {
        // Still not stored, and another node stored a set since: that one is the later change.
        log.warn(
            "policy set {} was never stored for the cluster; the cluster's newer set {} wins",
            unpublished.get().set().revision(),
            newer.get().revision());
        unpublished = Optional.empty();
      }
      if (unpublished.isPresent()) {
        return;
      }
      newer.ifPresent(this::adoptNewest);
      if (failing) {
        log.info("the cluster's policy sets can be read again");
      }
      failing = false;
    } catch (RuntimeException e) {
      if (!failing) {
        log.error(
            "the cluster's policy sets cannot be read ({}); policy set {} stays in force",
            e.getClass().getSimpleName(),
            watcher.get().revision());
      }
      failing = true;
    }
  }

  private void adoptNewest(PolicyBundleStore.Head head) {
    lastSeq = head.seq();
    if (head.revision().equals(watcher.get().revision())) {
      return;
    }
    store
        .find(head.seq())
        .ifPresent(
            bundle ->
                watcher.adopt(
                    "cluster policy set "
                        + bundle.revision()
                        + " (from node "
                        + bundle.node()
                        + ")",
                    bundle.files()));
  }
}
