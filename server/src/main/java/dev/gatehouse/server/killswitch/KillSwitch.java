package dev.gatehouse.server.killswitch;

import dev.gatehouse.server.audit.GatewayEvents;
import dev.gatehouse.server.store.KillSwitchStore;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's view of the kill switch, read from the store at most {@link #MAX_AGE} late (a one-row
 * lookup, made by the first request after the view aged), and the operator's controls. Engaging or
 * releasing is recorded in the audit trail as {@code kill_switch_on} / {@code kill_switch_off}.
 * When the store cannot be read, the view is {@link KillSwitchState.Unreadable} and requests are
 * refused.
 */
public final class KillSwitch {
  public static final Duration MAX_AGE = Duration.ofMillis(500);
  private static final Logger log = LoggerFactory.getLogger(KillSwitch.class);

  private final KillSwitchStore store;
  private final GatewayEvents events;
  private final InstantSource clock;
  private volatile Seen seen;

  private record Seen(KillSwitchState state, Instant readAt) {}

  public KillSwitch(KillSwitchStore store, GatewayEvents events, InstantSource clock) {
    this.store = store;
    this.events = events;
    this.clock = clock;
  }

  /** The switch as this node sees it, at most {@link #MAX_AGE} old. */
  public KillSwitchState state() {
    Seen last = seen;
    if (last != null && fresh(last)) {
      return last.state();
    }
    synchronized (this) {
      last = seen;
      if (last != null && fresh(last)) {
        return last.state();
      }
      KillSwitchState now = read();
      if (last == null || !now.equals(last.state())) {
        switch (now) {
          case KillSwitchState.On on -> log.warn("{}", now.reason());
          case KillSwitchState.Off off -> {
            if (last != null) {
              log.info("the kill switch is off");
            }
          }
          case KillSwitchState.Unreadable u -> log.error("{}", now.reason());
        }
      }
      seen = new Seen(now, clock.instant());
      return now;
    }
  }

  private boolean fresh(Seen last) {
    return clock.instant().isBefore(last.readAt().plus(MAX_AGE));
  }

  private KillSwitchState read() {
    try {
      return store
          .read()
          .<KillSwitchState>map(KillSwitchState.On::new)
          .orElseGet(KillSwitchState.Off::new);
    } catch (RuntimeException e) {
      log.debug("kill switch read failed: {}", e.getClass().getSimpleName());
      return new KillSwitchState.Unreadable();
    }
  }

  /**
   * Engages the switch for every node sharing this store.
   *
   * @param by who, for the audit trail ({@code cli:<login>}, {@code admin:<agent>})
   * @param reason why, shown to every agent refused
   */
  public KillSwitchStore.Engaged engage(String by, String reason) {
    if (reason.isBlank()) {
      throw new IllegalArgumentException("the kill switch needs a reason the agents can read");
    }
    KillSwitchStore.Engaged engaged = store.engage(by, reason.strip(), clock.instant());
    events.killSwitchOn(by, engaged.reason());
    seen = null;
    return engaged;
  }

  /**
   * Releases the switch.
   *
   * @return how it was engaged; empty when it was off already (nothing is audited then)
   */
  public Optional<KillSwitchStore.Engaged> release(String by) {
    Optional<KillSwitchStore.Engaged> was = store.release();
    was.ifPresent(engaged -> events.killSwitchOff(by, engaged));
    seen = null;
    return was;
  }
}
