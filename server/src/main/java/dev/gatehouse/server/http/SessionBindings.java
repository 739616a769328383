package dev.gatehouse.server.http;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which agent opened which MCP session. The SDK does not tie a session id to an identity, so a
 * session id leaked to another agent would otherwise work with that agent's token.
 *
 * <p>An owner is kept for as long as the SDK may hold its session: the session object is held
 * weakly, and the owner is forgotten only once that object is gone (the SDK dropped it: deleted,
 * swept as idle, closed) or the session was deleted through the front door. Nothing is forgotten
 * for being old or for the map being large, so a live session never loses its owner; a session
 * without an owner is refused ({@link BearerAuthFilter}). Either way, {@code onEnded} hears the
 * session's id once, so that what the gateway holds for it (resource subscriptions) is released
 * too; a session the SDK dropped is noticed at the next request after it was collected.
 */
public final class SessionBindings {
  private final java.util.function.Consumer<String> onEnded;
  private final Map<String, Opened> opened = new ConcurrentHashMap<>();
  private final Map<String, String> owners = new ConcurrentHashMap<>();
  private final ReferenceQueue<Object> collected = new ReferenceQueue<>();

  /** Bindings whose ended sessions nobody needs to hear of. */
  public SessionBindings() {
    this(sessionId -> {});
  }

  /**
   * @param onEnded told the id of each session that ended (deleted, or dropped by the SDK)
   */
  public SessionBindings(java.util.function.Consumer<String> onEnded) {
    this.onEnded = onEnded;
  }

  /** A session the SDK created, held weakly so that holding it here never keeps it alive. */
  private static final class Opened extends WeakReference<Object> {
    private final String sessionId;

    Opened(String sessionId, Object session, ReferenceQueue<Object> queue) {
      super(session, queue);
      this.sessionId = sessionId;
    }
  }

  /** The SDK created {@code session}; its owner is bound when its id is handed out. */
  void opened(String sessionId, Object session) {
    forgetCollected();
    opened.put(sessionId, new Opened(sessionId, session, collected));
  }

  /**
   * Records {@code agent} as the owner of a session the SDK created and still holds; the first
   * owner stays. An id the SDK did not create gets no owner, so it is refused.
   */
  void bind(String sessionId, String agent) {
    Opened session = opened.get(sessionId);
    if (session != null && !session.refersTo(null)) {
      owners.putIfAbsent(sessionId, agent);
    }
  }

  /** The agent that opened the session; empty when none did or the SDK no longer holds it. */
  Optional<String> owner(String sessionId) {
    forgetCollected();
    return Optional.ofNullable(owners.get(sessionId));
  }

  /** The session was deleted: its id will not be used again. */
  void deleted(String sessionId) {
    if (opened.remove(sessionId) != null) {
      owners.remove(sessionId);
      onEnded.accept(sessionId);
    }
  }

  /** How many sessions have an owner (those the SDK dropped may count until noticed). */
  public int size() {
    forgetCollected();
    return owners.size();
  }

  private void forgetCollected() {
    for (Reference<?> gone = collected.poll(); gone != null; gone = collected.poll()) {
      Opened session = (Opened) gone;
      // Only this object's entry: an id is never reused, but a stale entry must not remove another.
      if (opened.remove(session.sessionId, session)) {
        owners.remove(session.sessionId);
        onEnded.accept(session.sessionId);
      }
    }
  }
}
