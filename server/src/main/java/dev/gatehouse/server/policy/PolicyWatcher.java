package dev.gatehouse.server.policy;

import dev.gatehouse.shield.detect.Detectors;
import dev.gatehouse.shield.policy.PolicyLoader;
import dev.gatehouse.shield.policy.PolicySet;
import dev.gatehouse.shield.yaml.InvalidFileException;
import dev.gatehouse.shield.yaml.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the policy set in force and reloads it when the directory changes (checked by polling the
 * files' names, sizes and modification times, which survives editors that save by renaming). A
 * change is loaded only once two polls in a row saw the same names, sizes and times, so that a file
 * an editor is still writing in place is not taken for the edit. A new set replaces the old one in
 * one step; a broken edit is rejected with every problem in the log, counted, and the last good set
 * stays in force. In a cluster, a set loaded by another node is {@link #adopt adopted} by the same
 * rules, and each set loaded from this node's directory is passed to {@link #onDirectoryLoad}
 * listeners with its files, to be shared.
 */
public final class PolicyWatcher implements Supplier<PolicySet> {
  private static final Logger log = LoggerFactory.getLogger(PolicyWatcher.class);

  private final Path directory;
  private final AtomicReference<PolicySet> current;
  private final AtomicLong failedReloads = new AtomicLong();
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private final List<Reloads> reloads = new CopyOnWriteArrayList<>();
  private final List<Consumer<Loaded>> directoryLoads = new CopyOnWriteArrayList<>();
  private final Loaded fromDirectory;

  /** The directory as last loaded (or rejected). */
  private volatile String lastLoaded;

  /** The directory as the previous poll saw it. */
  private volatile String lastPolled;

  /** A policy set and the files it was compiled from (file name to content). */
  public record Loaded(PolicySet set, SortedMap<String, String> files) {
    public Loaded {
      files = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(files));
    }
  }

  /** Loads the directory now; a broken set here stops the gateway from starting. */
  public PolicyWatcher(Path directory) {
    this.directory = directory;
    this.lastLoaded = fingerprint();
    this.lastPolled = lastLoaded;
    this.fromDirectory = loadDirectory();
    this.current = new AtomicReference<>(fromDirectory.set());
    log.info(
        "policy set {} in force ({} rules)",
        current.get().revision(),
        current.get().rules().size());
  }

  /** The set this node's directory held when the gateway started, with its files. */
  public Loaded loadedAtStart() {
    return fromDirectory;
  }

  private Loaded loadDirectory() {
    SortedMap<String, String> files = PolicyLoader.read(directory);
    return new Loaded(PolicyLoader.load(directory.toString(), files, Detectors.builtIn()), files);
  }

  @Override
  public PolicySet get() {
    return current.get();
  }

  /** Reloads failed since start (a broken edit), for status and metrics. */
  public long failedReloads() {
    return failedReloads.get();
  }

  /** Called after a new set is in force. */
  public void onChange(Runnable listener) {
    listeners.add(listener);
  }

  /** What a reload came to, for the audit trail. */
  public interface Reloads {
    void accepted(PolicySet previous, PolicySet next);

    void rejected(PolicySet kept, List<Problem> problems);
  }

  public void onReload(Reloads listener) {
    reloads.add(listener);
  }

  /**
   * Called with each set loaded from this node's directory because it changed and differed from the
   * set in force (not with sets {@link #adopt adopted}).
   */
  public void onDirectoryLoad(Consumer<Loaded> listener) {
    directoryLoads.add(listener);
  }

  /**
   * Puts a set loaded elsewhere in force, compiled from its files exactly as a directory is. A
   * broken set is rejected (counted, logged, audited) and the last good set stays in force.
   *
   * @param origin where the files come from, for problems and the log
   * @return whether the set in force changed
   */
  public synchronized boolean adopt(String origin, SortedMap<String, String> files) {
    try {
      return replaceWith(PolicyLoader.load(origin, files, Detectors.builtIn()), origin);
    } catch (InvalidFileException e) {
      reject(e);
      return false;
    }
  }

  /**
   * Reloads if the directory changed since it was last loaded and is the same as at the previous
   * poll. Called regularly by the gateway.
   */
  public void poll() {
    // Listeners run outside the lock: they may call back (a cluster's shared sets do).
    reloadIfChanged().ifPresent(loaded -> directoryLoads.forEach(l -> l.accept(loaded)));
  }

  private synchronized java.util.Optional<Loaded> reloadIfChanged() {
    String now = fingerprint();
    boolean settled = now.equals(lastPolled);
    lastPolled = now;
    if (!settled || now.equals(lastLoaded)) {
      return java.util.Optional.empty();
    }
    lastLoaded = now;
    try {
      Loaded loaded = loadDirectory();
      return replaceWith(loaded.set(), directory.toString())
          ? java.util.Optional.of(loaded)
          : java.util.Optional.empty();
    } catch (InvalidFileException e) {
      reject(e);
      return java.util.Optional.empty();
    }
  }

  private boolean replaceWith(PolicySet next, String origin) {
    PolicySet previous = current.get();
    if (next.revision().equals(previous.revision())) {
      return false;
    }
    current.set(next);
    log.info(
        "policy set {} from {} in force ({} rules), replacing {}",
        next.revision(),
        origin,
        next.rules().size(),
        previous.revision());
    reloads.forEach(r -> r.accepted(previous, next));
    listeners.forEach(Runnable::run);
    return true;
  }

  private void reject(InvalidFileException e) {
    failedReloads.incrementAndGet();
    e.problems().forEach(p -> log.error("policy reload rejected: {}", p));
    log.error("policy set {} stays in force", current.get().revision());
    reloads.forEach(r -> r.rejected(current.get(), e.problems()));
  }

  private String fingerprint() {
    try (Stream<Path> files = Files.list(directory)) {
      StringBuilder out = new StringBuilder();
      for (Path file : files.sorted().toList()) {
        out.append(file.getFileName())
            .append(':')
            .append(Files.size(file))
            .append(':')
            .append(Files.getLastModifiedTime(file).toMillis())
            .append(';');
      }
      return out.toString();
    } catch (IOException e) {
      return "unreadable: " + e.getMessage();
    }
  }
}
