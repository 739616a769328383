package dev.gatehouse.connectors.http;

import java.time.Instant;
import java.time.InstantSource;

/**
 * Stops calling an upstream that keeps failing. Closed: calls go through, consecutive failures are
 * counted. Open (after {@link BreakerSettings#failures()} in a row): calls fail fast. Half-open
 * (once {@link BreakerSettings#openFor()} has passed): one trial call goes through; its success
 * closes the circuit, its failure opens it again. Time comes from the injected clock.
 */
public final class CircuitBreaker {
  /** Where the circuit is. */
  public enum State {
    CLOSED,
    OPEN,
    HALF_OPEN
  }

  private final BreakerSettings settings;
  private final InstantSource clock;
  private State state = State.CLOSED; // guarded by this
  private int failures; // guarded by this
  private Instant openUntil = Instant.MIN; // guarded by this
  private boolean trialInFlight; // guarded by this

  public CircuitBreaker(BreakerSettings settings, InstantSource clock) {
    this.settings = settings;
    this.clock = clock;
  }

  /** Whether a call may go through now; a caller let through must report how it ended. */
  public synchronized boolean tryAcquire() {
    State now = state();
    return switch (now) {
      case CLOSED -> true;
      case OPEN -> false;
      case HALF_OPEN -> {
        if (trialInFlight) {
          yield false;
        }
        trialInFlight = true;
        yield true;
      }
    };
  }

  public synchronized void onSuccess() {
    state = State.CLOSED;
    failures = 0;
    trialInFlight = false;
  }

  public synchronized void onFailure() {
    trialInFlight = false;
    failures++;
    if (state() == State.HALF_OPEN || failures >= settings.failures()) {
      state = State.OPEN;
      openUntil = clock.instant().plus(settings.openFor());
    }
  }

  /** The call ended without telling anything about the upstream (cancelled, refused locally). */
  public synchronized void onAbandoned() {
    trialInFlight = false;
  }

  /** The state now; an open circuit whose time is up reads as half-open. */
  public synchronized State state() {
    if (state == State.OPEN && !clock.instant().isBefore(openUntil)) {
      state = State.HALF_OPEN;
    }
    return state;
  }

  /** When an open circuit lets a trial call through. */
  public synchronized Instant openUntil() {
    return openUntil;
  }

  public synchronized int consecutiveFailures() {
    return failures;
  }

  public BreakerSettings settings() {
    return settings;
  }
}
