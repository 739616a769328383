package dev.gatehouse.server.policy;

import dev.gatehouse.shield.policy.PolicyLoader;
import dev.gatehouse.shield.policy.PolicySet;
import dev.gatehouse.shield.yaml.InvalidFileException;
import dev.gatehouse.shield.yaml.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the policy set in force and reloads it when the directory changes (checked by polling the
 * files' names, sizes and modification times, which survives editors that save by renaming). A new
 * set replaces the old one in one step; a broken edit is rejected with every problem in the log,
 * counted, and the last good set stays in force.
 */
public final class PolicyWatcher implements Supplier<PolicySet> {
  private static final Logger log = LoggerFactory.getLogger(PolicyWatcher.class);

  private final Path directory;
  private final AtomicReference<PolicySet> current;
  private final AtomicLong failedReloads = new AtomicLong();
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private final List<Reloads> reloads = new CopyOnWriteArrayList<>();
  private volatile String lastSeen;

  /** Loads the directory now; a broken set here stops the gateway from starting. */
  public PolicyWatcher(Path directory) {
    this.directory = directory;
    this.lastSeen = fingerprint();
    this.current = new AtomicReference<>(PolicyLoader.load(directory));
    log.info(
        "policy set {} in force ({} rules)",
        current.get().revision(),
        current.get().rules().size());
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

  /** Reloads if the directory changed since the last look. Called every second by the gateway. */
  public void poll() {
    String now = fingerprint();
    if (now.equals(lastSeen)) {
      return;
    }
    lastSeen = now;
    try {
      PolicySet next = PolicyLoader.load(directory);
      PolicySet previous = current.getAndSet(next);
      if (!next.revision().equals(previous.revision())) {
        log.info(
            "policy set {} in force ({} rules), replacing {}",
            next.revision(),
            next.rules().size(),
            previous.revision());
        reloads.forEach(r -> r.accepted(previous, next));
        listeners.forEach(Runnable::run);
      }
    } catch (InvalidFileException e) {
      failedReloads.incrementAndGet();
      e.problems().forEach(p -> log.error("policy reload rejected: {}", p));
      log.error("policy set {} stays in force", current.get().revision());
      reloads.forEach(r -> r.rejected(current.get(), e.problems()));
    }
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
