package dev.gatehouse.server.http;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which agent opened which MCP session. The SDK does not tie a session id to an identity, so a
 * session id leaked to another agent would otherwise work with that agent's token.
 */
public final class SessionBindings {
  private static final int SWEEP_ABOVE = 1024;

  private final InstantSource clock;
  private final Duration idleLimit;
  private final Map<String, Binding> bindings = new ConcurrentHashMap<>();

  private record Binding(String agent, Instant lastSeen) {}

  /**
   * @param idleLimit a binding unused this long is forgotten (set it above the SDK's session sweep)
   */
  public SessionBindings(InstantSource clock, Duration idleLimit) {
    this.clock = clock;
    this.idleLimit = idleLimit;
  }

  void bind(String sessionId, String agent) {
    Instant now = clock.instant();
    bindings.put(sessionId, new Binding(agent, now));
    if (bindings.size() > SWEEP_ABOVE) {
      bindings.values().removeIf(b -> b.lastSeen().plus(idleLimit).isBefore(now));
    }
  }

  /** The agent that opened the session, refreshing the binding; empty when unknown. */
  Optional<String> owner(String sessionId) {
    Binding binding =
        bindings.computeIfPresent(sessionId, (id, b) -> new Binding(b.agent(), clock.instant()));
    return Optional.ofNullable(binding).map(Binding::agent);
  }

  public int size() {
    return bindings.size();
  }
}
