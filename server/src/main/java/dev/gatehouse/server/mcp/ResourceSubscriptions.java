package dev.gatehouse.server.mcp;

import dev.gatehouse.connectors.Upstream;
import dev.gatehouse.shield.ResourceTarget;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The resource subscriptions Gatehouse holds at its upstreams on behalf of agents: one upstream
 * subscription per URI however many agent sessions subscribed, dropped when the last session that
 * holds it unsubscribes or ends. A session releases only what it subscribed itself, so one agent
 * cannot cancel another's subscription. Which sessions hear of an update is the SDK server's
 * record.
 */
public final class ResourceSubscriptions {
  private record Held(Upstream upstream, Set<String> sessions) {}

  private final Map<String, Held> held = new HashMap<>();

  /**
   * Subscribes upstream on the first agent subscription to {@code target}'s URI; a session that
   * subscribes twice holds it once.
   *
   * @throws dev.gatehouse.connectors.UpstreamException when the upstream refuses or is down
   */
  public synchronized void acquire(String session, ResourceTarget target, Upstream upstream) {
    Held current = held.get(target.uri());
    if (current == null) {
      upstream.subscribe(target.uri());
      current = new Held(upstream, new HashSet<>());
      held.put(target.uri(), current);
    }
    current.sessions().add(session);
  }

  /**
   * Drops {@code session}'s subscription to {@code uri}, if it holds one; the last one unsubscribes
   * upstream.
   *
   * @return whether the session held a subscription to the URI
   */
  public synchronized boolean release(String session, String uri) {
    Held current = held.get(uri);
    if (current == null || !current.sessions().remove(session)) {
      return false;
    }
    if (current.sessions().isEmpty()) {
      held.remove(uri);
      try {
        current.upstream().unsubscribe(uri);
      } catch (RuntimeException e) {
        // the upstream may be gone; it forgets subscriptions when its connection ends anyway
      }
    }
    return true;
  }

  /** Drops every subscription of a session that ended. */
  public synchronized void releaseAll(String session) {
    for (String uri : List.copyOf(held.keySet())) {
      release(session, uri);
    }
  }

  /** How many sessions hold a subscription to {@code uri}. */
  public synchronized int holders(String uri) {
    Held current = held.get(uri);
    return current == null ? 0 : current.sessions().size();
  }
}
