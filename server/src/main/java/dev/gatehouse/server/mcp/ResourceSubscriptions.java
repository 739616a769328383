package dev.gatehouse.server.mcp;

import dev.gatehouse.connectors.Upstream;
import dev.gatehouse.shield.ResourceTarget;
import java.util.HashMap;
import java.util.Map;

/**
 * The resource subscriptions Gatehouse holds at its upstreams on behalf of agents: one upstream
 * subscription per URI however many agent sessions subscribed, dropped when the last one
 * unsubscribes. Which sessions hear of an update is the SDK server's record.
 */
public final class ResourceSubscriptions {
  private record Held(Upstream upstream, int count) {}

  private final Map<String, Held> held = new HashMap<>();

  /**
   * Subscribes upstream on the first agent subscription to {@code target}'s URI.
   *
   * @throws dev.gatehouse.connectors.UpstreamException when the upstream refuses or is down
   */
  public synchronized void acquire(ResourceTarget target, Upstream upstream) {
    Held current = held.get(target.uri());
    if (current == null) {
      upstream.subscribe(target.uri());
      held.put(target.uri(), new Held(upstream, 1));
    } else {
      held.put(target.uri(), new Held(current.upstream(), current.count() + 1));
    }
  }

  /** Drops one agent subscription; the last one unsubscribes upstream. */
  public synchronized void release(String uri) {
    Held current = held.get(uri);
    if (current == null) {
      return;
    }
    if (current.count() > 1) {
      held.put(uri, new Held(current.upstream(), current.count() - 1));
      return;
    }
    held.remove(uri);
    try {
      current.upstream().unsubscribe(uri);
    } catch (RuntimeException e) {
      // the upstream may be gone; it forgets subscriptions when its connection ends anyway
    }
  }
}
