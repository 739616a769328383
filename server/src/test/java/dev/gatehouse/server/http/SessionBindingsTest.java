package dev.gatehouse.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.ref.Reference;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * An owner lives as long as the SDK may hold its session: never forgotten for age or numbers,
 * forgotten once the session object is gone or the session was deleted.
 */
class SessionBindingsTest {
  private final SessionBindings sessions = new SessionBindings();

  @Test
  void aLiveSessionKeepsItsOwnerHoweverManyOthersComeAndGo() {
    Object live = new Object(); // what the SDK's session map holds while the session lives
    sessions.opened("live", live);
    sessions.bind("live", "alice");
    for (int i = 0; i < 5_000; i++) {
      sessions.opened("gone-" + i, new Object());
      sessions.bind("gone-" + i, "bob");
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              System.gc();
              return sessions.size() == 1;
            });
    assertThat(sessions.owner("live")).contains("alice");
    assertThat(sessions.owner("gone-0")).isEmpty();
    Reference.reachabilityFence(live);
  }

  @Test
  void theFirstOwnerStaysAndAnIdTheSdkDidNotCreateGetsNone() {
    Object session = new Object();
    sessions.opened("s", session);
    sessions.bind("s", "alice");
    sessions.bind("s", "mallory");
    sessions.bind("never-opened", "mallory");
    assertThat(sessions.owner("s")).contains("alice");
    assertThat(sessions.owner("never-opened")).isEqualTo(Optional.empty());
    Reference.reachabilityFence(session);
  }

  @Test
  void aDeletedSessionHasNoOwner() {
    Object session = new Object();
    sessions.opened("s", session);
    sessions.bind("s", "alice");
    sessions.deleted("s");
    sessions.bind("s", "mallory");
    assertThat(sessions.owner("s")).isEmpty();
    Reference.reachabilityFence(session);
  }

  @Test
  void eachEndedSessionIsToldOnceWhetherDeletedOrDroppedByTheSdk() {
    java.util.List<String> ended = new java.util.concurrent.CopyOnWriteArrayList<>();
    SessionBindings told = new SessionBindings(ended::add);
    Object deleted = new Object();
    told.opened("deleted", deleted);
    told.bind("deleted", "alice");
    told.deleted("deleted");
    told.deleted("deleted");
    told.opened("dropped", new Object());
    told.bind("dropped", "alice");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              System.gc();
              told.owner("anything"); // the next request notices what the SDK dropped
              return ended.contains("dropped");
            });
    assertThat(ended).containsExactly("deleted", "dropped");
    Reference.reachabilityFence(deleted);
  }
}
