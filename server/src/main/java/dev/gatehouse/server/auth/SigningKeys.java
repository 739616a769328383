package dev.gatehouse.server.auth;

import com.nimbusds.jose.jwk.ECKey;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key set a running gateway signs and verifies with, following its store: it asks the store for
 * the set's stamp and re-reads the set when the stamp changed — a gateway on its timer every {@link
 * #FOLLOW_EVERY} ({@link #followOn}), so no request waits for the store; used alone (a CLI command,
 * a test) at most once every {@link #RELOAD_DELAY} when asked. A {@code gatehouse agent rotate-key}
 * run elsewhere thus takes effect within a second. The set is swapped in one step. When the store
 * cannot be read, the last good set stays in force: a rotation made meanwhile is not in force, so
 * {@link #problem()} names it (shown in {@code /healthz}) and it is logged at error level once
 * until it is solved; the store is asked again at every check.
 */
public final class SigningKeys {
  public static final Duration RELOAD_DELAY = Duration.ofSeconds(1);

  /** How often a gateway's timer checks the store; a check costs one stamp lookup. */
  public static final Duration FOLLOW_EVERY = Duration.ofMillis(500);

  public static final String CHANGED_BUT_UNREADABLE =
      "the agent signing keys changed but cannot be read; a rotation may not be in force";
  public static final String STORE_UNREADABLE =
      "the agent signing keys cannot be checked for changes; a rotation may not be in force";
  private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

  private final SigningKeyStore store;
  private final InstantSource clock;
  private volatile Loaded loaded;
  private volatile Instant nextCheck;
  private volatile String problem;
  private volatile boolean followedByTimer;

  private record Loaded(SigningKeySet keys, Object stamp) {}

  /** Makes the store's set when there is none, reads it, and follows it from then on. */
  public SigningKeys(SigningKeyStore store, InstantSource clock) {
    this.store = store;
    this.clock = clock;
    store.loadOrCreate();
    // The stamp is taken before the read: a change in between is seen at the next check.
    Object stamp = store.stamp();
    this.loaded = new Loaded(store.read(), stamp);
    this.nextCheck = clock.instant().plus(RELOAD_DELAY);
  }

  /**
   * Checks the store on {@code timer} every {@link #FOLLOW_EVERY} from now on, instead of on the
   * threads that ask for the keys: a request then never waits for a slow or silent store here.
   */
  public void followOn(ScheduledExecutorService timer) {
    followedByTimer = true;
    long every = FOLLOW_EVERY.toMillis();
    timer.scheduleWithFixedDelay(this::check, every, every, TimeUnit.MILLISECONDS);
  }

  /**
   * The set in force now; without a timer ({@link #followOn}), re-read first if the store may have
   * changed.
   */
  public SigningKeySet current() {
    Instant now = clock.instant();
    if (!followedByTimer && !now.isBefore(nextCheck)) {
      refresh(now);
    }
    return loaded.keys();
  }

  /**
   * Why the set in force may not be the store's (a change seen but not readable, or the store not
   * answering), checked first if due; empty while the set follows the store.
   */
  public Optional<String> problem() {
    current();
    return Optional.ofNullable(problem);
  }

  /** The key that verifies a token signed under {@code keyId} now, if any. */
  public Optional<ECKey> verifying(String keyId) {
    SigningKeySet keys = current();
    return keys.verifying(keyId, clock.instant());
  }

  private synchronized void refresh(Instant now) {
    if (now.isBefore(nextCheck)) {
      return;
    }
    // Set first: while one thread asks a slow store, the others go on with the set in force.
    nextCheck = now.plus(RELOAD_DELAY);
    check();
  }

  /** Asks the store for the set's stamp, and re-reads the set when it changed. */
  private synchronized void check() {
    Object stamp;
    try {
      stamp = store.stamp();
    } catch (RuntimeException e) {
      fail(STORE_UNREADABLE, e);
      return;
    }
    if (!Objects.equals(stamp, loaded.stamp())) {
      try {
        SigningKeySet keys = store.read();
        loaded = new Loaded(keys, stamp);
        log.info("agent signing keys reloaded: current key {}", keys.current().getKeyID());
      } catch (RuntimeException e) {
        fail(CHANGED_BUT_UNREADABLE, e);
        return;
      }
    }
    if (problem != null) {
      log.info("agent signing keys readable again: the set in force follows the store");
      problem = null;
    }
  }

  private void fail(String why, RuntimeException e) {
    if (!why.equals(problem)) {
      log.error("{}; the last good keys stay in force: {}", why, e.getMessage());
      problem = why;
    }
  }
}
