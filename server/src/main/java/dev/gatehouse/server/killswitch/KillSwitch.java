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
 * This node's view of the kill switch, and the operator's controls. A timer calls {@link #refresh}
 * every {@link #REFRESH_EVERY} (a one-row lookup), so no request ever waits for the store here; a
 * view older than {@link #TRUSTED_FOR} (the store has not answered since) counts as {@link
 * KillSwitchState.Unreadable}, and requests are refused. Engaging or releasing is recorded in the
 * audit trail as {@code kill_switch_on} / {@code kill_switch_off}.
 */
public final class KillSwitch {
  public static final Duration REFRESH_EVERY = Duration.ofMillis(250);
  public static final Duration TRUSTED_FOR = Duration.ofSeconds(1);
  private static final Logger log = LoggerFactory.getLogger(KillSwitch.class);

  private final KillSwitchStore store;
  private final GatewayEvents events;
  private final InstantSource clock;
  private volatile Seen seen;
  private boolean unreadable; // guarded by this

  private record Seen(KillSwitchState state, Instant readAt) {}

  public KillSwitch(KillSwitchStore store, GatewayEvents events, InstantSource clock) {
    this.store = store;
    this.events = events;
    this.clock = clock;
  }

  /** The switch as this node last read it, or unreadable when that was over a second ago. */
  public KillSwitchState state() {
    Seen last = seen;
    if (last == null || !clock.instant().isBefore(last.readAt().plus(TRUSTED_FOR))) {
      return new KillSwitchState.Unreadable();
    }
    return last.state();
  }

  /** Reads the switch from the store; logs when what this node sees changes. */
  public synchronized void refresh() {
    KillSwitchState now = read();
    if (now instanceof KillSwitchState.Unreadable) {
      // The last good view stays and ages out: one failed read refuses nothing, a second
      // without a good one refuses everything (state()).
      if (!unreadable) {
        log.error("{}", now.reason());
      }
      unreadable = true;
      return;
    }
    Seen last = seen;
    if (unreadable || last == null || !now.equals(last.state())) {
      switch (now) {
        case KillSwitchState.On on -> log.warn("{}", now.reason());
        case KillSwitchState.Off off -> {
          if (last != null) {
            log.info("the kill switch is off");
          }
        }
        case KillSwitchState.Unreadable u -> {}
      }
    }
    unreadable = false;
    seen = new Seen(now, clock.instant());
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
    refresh();
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
    refresh();
    return was;
  }
}
