package dev.gatehouse.server.mcp;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tool calls running now, by call key ({@code <session>/<JSON-RPC id>}), so that an agent's
 * {@code notifications/cancelled} can interrupt the thread working on that call.
 */
public final class CallRegistry {
  private final Map<String, Thread> running = new ConcurrentHashMap<>();

  void started(String callKey, Thread worker) {
    running.put(callKey, worker);
  }

  void finished(String callKey) {
    running.remove(callKey);
  }

  /** Interrupts the call's worker; does nothing when the call is unknown or already done. */
  public void cancel(String callKey) {
    Thread worker = running.remove(callKey);
    if (worker != null) {
      worker.interrupt();
    }
  }

  public int size() {
    return running.size();
  }
}
