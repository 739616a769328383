package dev.gatehouse.connectors.mcp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A process and every process it started ({@code npx} starts {@code node}, shells start children),
 * taken as a snapshot so that children re-parented by their parent's death are still found.
 */
public record ProcessTree(List<ProcessHandle> processes) {

  public static ProcessTree of(ProcessHandle root) {
    List<ProcessHandle> all = new ArrayList<>();
    all.add(root);
    root.descendants().forEach(all::add);
    return new ProcessTree(List.copyOf(all));
  }

  /** Waits up to {@code timeout} for every process of the tree to exit by itself. */
  public boolean awaitExit(Duration timeout) {
    CompletableFuture<?>[] exits =
        processes.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new);
    try {
      CompletableFuture.allOf(exits).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException | ExecutionException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** TERM to every live process of the tree, then KILL to whatever outlives {@code grace}. */
  public void terminate(Duration grace) {
    processes.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroy);
    if (!awaitExit(grace)) {
      processes.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
      awaitExit(grace);
    }
  }
}
