package dev.gatehouse.server.approvals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.approvals.ApprovalEvents;
import dev.gatehouse.approvals.ApprovalGrant;
import dev.gatehouse.approvals.ApprovalQueue;
import dev.gatehouse.approvals.ApprovalRequest;
import dev.gatehouse.approvals.ApprovalState;
import dev.gatehouse.approvals.Binding;
import dev.gatehouse.approvals.DecideResult;
import dev.gatehouse.approvals.Ruling;
import dev.gatehouse.server.store.Database;
import dev.gatehouse.server.store.TestStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The approval queue's state machine and grant accounting, against a real database: run on each by
 * {@link ApprovalQueueTest} (SQLite) and {@link ApprovalQueuePostgresTest}.
 */
abstract class ApprovalQueueCases {
  static final Duration EXPIRE_AFTER = Duration.ofMinutes(10);
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  TestStore store;
  Database database;
  MovableClock clock = new MovableClock(Instant.parse("2026-11-30T10:00:00Z"));
  List<String> events = new CopyOnWriteArrayList<>();
  ApprovalQueue queue;

  /** Time that tests move forward. */
  static final class MovableClock implements InstantSource {
    private volatile Instant now;

    MovableClock(Instant start) {
      now = start;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  abstract TestStore store(Path dir);

  @BeforeEach
  void open() {
    store = store(dir);
    database = store.open();
    queue = queue(database);
  }

  private ApprovalQueue queue(Database on) {
    return new ApprovalQueue(
        on.jdbi(),
        clock,
        EXPIRE_AFTER,
        new ApprovalEvents() {
          @Override
          public void requested(ApprovalRequest r) {
            events.add("requested " + r.id());
          }

          @Override
          public void decided(ApprovalRequest r) {
            events.add(r.state().word() + " " + r.id() + " by " + r.decidedBy());
          }

          @Override
          public void used(ApprovalRequest r, String callId) {
            events.add("used " + r.id() + " by " + callId);
          }
        },
        GatewayApprovals.bindingLock(on.dialect()));
  }

  @AfterEach
  void close() {
    database.close();
    store.close();
  }

  private static Binding binding(String agent, String args) throws Exception {
    return Binding.of(agent, "github__merge", JSON.readTree(args), "rev1");
  }

  private ApprovalQueue.Admission ask(Binding binding) {
    return ask(binding, "call-1");
  }

  private ApprovalQueue.Admission ask(Binding binding, String callId) {
    return queue.admit(
        new ApprovalQueue.Ask(
            binding, "github", callId, "merge-rule", "why", "{}", "", List.of("U1", "@oncall")));
  }

  /** The request whose grant let the call in, or empty when it has to wait. */
  private Optional<ApprovalRequest> granted(Binding binding, String callId) {
    return ask(binding, callId) instanceof ApprovalQueue.Admission.Granted g
        ? Optional.of(g.request())
        : Optional.empty();
  }

  @Test
  void theSameCallReusesItsPendingRequestAndAnyDifferenceOpensANewOne() throws Exception {
    var first =
        (ApprovalQueue.Admission.Waiting) ask(binding("bot", "{\"base\":\"main\",\"pr\":1}"));
    var same =
        (ApprovalQueue.Admission.Waiting) ask(binding("bot", "{\"pr\":1,\"base\":\"main\"}"));
    var otherArgs = ask(binding("bot", "{\"base\":\"main\",\"pr\":2}"));
    var otherAgent = ask(binding("other", "{\"base\":\"main\",\"pr\":1}"));

    assertThat(first.created()).isTrue();
    assertThat(first.request().state()).isEqualTo(ApprovalState.PENDING);
    assertThat(first.request().approvers()).containsExactly("U1", "@oncall");
    assertThat(first.request().expiresAt()).isEqualTo(clock.instant().plus(EXPIRE_AFTER));
    assertThat(same.created()).isFalse();
    assertThat(same.request().id()).isEqualTo(first.request().id());
    assertThat(otherArgs.request().id()).isNotEqualTo(first.request().id());
    assertThat(otherAgent.request().id()).isNotEqualTo(first.request().id());
    assertThat(events).hasSize(3);
  }

  @Test
  void aSingleUseGrantLetsExactlyOneMatchingCallThrough() throws Exception {
    Binding merge = binding("bot", "{\"pr\":1}");
    String id = ask(merge).request().id();
    assertThat(granted(merge, "early")).isEmpty();

    DecideResult result = queue.decide(id, new Ruling.Approve(ApprovalGrant.once()), "U1");
    assertThat(result).isInstanceOf(DecideResult.Decided.class);

    assertThat(granted(binding("other", "{\"pr\":1}"), "c0")).isEmpty();
    assertThat(granted(binding("bot", "{\"pr\":2}"), "c0")).isEmpty();
    assertThat(
            granted(Binding.of("bot", "github__merge", JSON.readTree("{\"pr\":1}"), "rev2"), "c0"))
        .isEmpty();
    assertThat(granted(merge, "c1")).map(ApprovalRequest::id).contains(id);
    assertThat(granted(merge, "c2")).isEmpty();
    assertThat(queue.useGrant(id, "c3")).isFalse();
    assertThat(events).contains("approved " + id + " by U1", "used " + id + " by c1");
  }

  @Test
  void concurrentCallsConsumeASingleUseGrantOnce() throws Exception {
    Binding merge = binding("bot", "{\"pr\":7}");
    String id = ask(merge).request().id();
    queue.decide(id, new Ruling.Approve(ApprovalGrant.once()), "U1");
    List<Callable<Boolean>> racers = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      String call = "c" + i;
      boolean byBinding = i % 2 == 0;
      racers.add(() -> byBinding ? granted(merge, call).isPresent() : queue.useGrant(id, call));
    }
    int granted = 0;
    try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
      for (Future<Boolean> f : pool.invokeAll(racers)) {
        granted += f.get() ? 1 : 0;
      }
    }
    assertThat(granted).isEqualTo(1);
  }

  @Test
  void twoNodesAdmittingTheSameCallAtOnceOpenOnePendingRequest() throws Exception {
    try (Database other = store.open()) {
      ApprovalQueue[] nodes = {queue, queue(other)};
      for (int round = 0; round < 5; round++) {
        Binding merge = binding("bot", "{\"pr\":" + (100 + round) + "}");
        List<Callable<String>> racers = new ArrayList<>();
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        for (int i = 0; i < 16; i++) {
          ApprovalQueue node = nodes[i % 2];
          String call = "r" + round + "-" + i;
          racers.add(
              () -> {
                go.await();
                return ask(node, merge, call).request().id();
              });
        }
        java.util.Set<String> ids = new java.util.HashSet<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
          List<Future<String>> answers = new ArrayList<>();
          for (Callable<String> racer : racers) {
            answers.add(pool.submit(racer));
          }
          go.countDown();
          for (Future<String> f : answers) {
            ids.add(f.get());
          }
        }
        assertThat(ids).as("round " + round).hasSize(1);
        assertThat(queue.list(Optional.of(ApprovalState.PENDING), 100))
            .filteredOn(r -> r.binding().equals(merge))
            .hasSize(1);
      }
    }
  }

  private static ApprovalQueue.Admission ask(ApprovalQueue on, Binding binding, String callId) {
    return on.admit(
        new ApprovalQueue.Ask(binding, "github", callId, "merge-rule", "why", "{}", "", List.of()));
  }

  @Test
  void twoNodesRacingForASingleUseGrantConsumeItOnce() throws Exception {
    Binding merge = binding("bot", "{\"pr\":8}");
    String id = ask(merge).request().id();
    queue.decide(id, new Ruling.Approve(ApprovalGrant.once()), "U1");
    try (Database other = store.open()) {
      ApprovalQueue[] nodes = {queue, queue(other)};
      List<Callable<Boolean>> racers = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        ApprovalQueue node = nodes[i % 2];
        String call = "n" + i;
        racers.add(() -> node.useGrant(id, call));
      }
      int granted = 0;
      try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
        for (Future<Boolean> f : pool.invokeAll(racers)) {
          granted += f.get() ? 1 : 0;
        }
      }
      assertThat(granted).isEqualTo(1);
      assertThat(queue(other).find(id).orElseThrow().state()).isEqualTo(ApprovalState.APPROVED);
    }
  }

  @Test
  void aWindowGrantCoversTheSameCallUntilTheWindowEnds() throws Exception {
    Binding merge = binding("bot", "{\"pr\":3}");
    String id = ask(merge).request().id();
    queue.decide(id, new Ruling.Approve(ApprovalGrant.forWindow(Duration.ofHours(1))), "U1");

    assertThat(granted(merge, "c1")).isPresent();
    assertThat(granted(merge, "c2")).isPresent();
    assertThat(granted(binding("bot", "{\"pr\":4}"), "c3")).isEmpty();
    clock.advance(Duration.ofMinutes(61));
    assertThat(granted(merge, "c4")).isEmpty();
  }

  @Test
  void anUnusedSingleGrantLapsesAfterExpireAfter() throws Exception {
    Binding merge = binding("bot", "{\"pr\":5}");
    String id = ask(merge).request().id();
    queue.decide(id, new Ruling.Approve(ApprovalGrant.once()), "U1");
    clock.advance(EXPIRE_AFTER.plusSeconds(1));
    assertThat(granted(merge, "late")).isEmpty();
  }

  @Test
  void aDecisionIsFinal() throws Exception {
    String id = ask(binding("bot", "{\"pr\":6}")).request().id();

    DecideResult denied = queue.decide(id, new Ruling.Deny("not today"), "U2");
    assertThat(denied).isInstanceOf(DecideResult.Decided.class);
    ApprovalRequest request = ((DecideResult.Decided) denied).request();
    assertThat(request.state()).isEqualTo(ApprovalState.DENIED);
    assertThat(request.decision().orElseThrow().note()).isEqualTo("not today");
    assertThat(request.decision().orElseThrow().usesLeft()).isZero();

    DecideResult again = queue.decide(id, new Ruling.Approve(ApprovalGrant.once()), "U3");
    assertThat(again).isInstanceOf(DecideResult.AlreadyDecided.class);
    assertThat(queue.find(id).orElseThrow().decidedBy()).isEqualTo("U2");
    assertThat(granted(binding("bot", "{\"pr\":6}"), "c")).isEmpty();
    assertThat(queue.decide("ap_nothere", new Ruling.Deny("x"), "U2"))
        .isInstanceOf(DecideResult.Unknown.class);
    assertThat(events).containsOnlyOnce("denied " + id + " by U2");
  }

  @Test
  void pendingRequestsExpireAndCannotBeApprovedAfterwards() throws Exception {
    Binding merge = binding("bot", "{\"pr\":8}");
    String id = ask(merge).request().id();
    clock.advance(EXPIRE_AFTER.minusSeconds(1));
    assertThat(queue.expireDue()).isEmpty();
    clock.advance(Duration.ofSeconds(1));

    assertThat(queue.decide(id, new Ruling.Approve(ApprovalGrant.once()), "U1"))
        .isInstanceOf(DecideResult.AlreadyDecided.class);
    assertThat(queue.expireDue()).extracting(ApprovalRequest::id).containsExactly(id);
    assertThat(queue.find(id).orElseThrow().state()).isEqualTo(ApprovalState.EXPIRED);
    assertThat(queue.expireDue()).isEmpty();
    assertThat(ask(merge).request().id()).as("a new request after expiry").isNotEqualTo(id);
  }

  @Test
  void aRequestAnotherNodeDecidesWhileThisOneExpiresItIsNotReportedExpired() throws Exception {
    String id = ask(binding("bot", "{\"pr\":11}")).request().id();
    clock.advance(EXPIRE_AFTER);
    try (Database other = store.open();
        Handle deciding = other.jdbi().open();
        ExecutorService pool = Executors.newSingleThreadExecutor()) {
      deciding.begin();
      deciding
          .createUpdate(
              "update approval_requests set state = 'denied', decided_by = 'U9', decided_at = 1"
                  + " where id = :id and state = 'pending'")
          .bind("id", id)
          .execute();
      Future<List<ApprovalRequest>> expiring = pool.submit(queue::expireDue);
      // Let it find the request still pending and wait for the other node's transaction.
      await()
          .during(Duration.ofMillis(300))
          .atMost(Duration.ofSeconds(2))
          .until(() -> !expiring.isDone());
      deciding.commit();

      assertThat(expiring.get()).isEmpty();
    }
    assertThat(queue.find(id).orElseThrow().state()).isEqualTo(ApprovalState.DENIED);
    assertThat(events).containsExactly("requested " + id);
  }

  @Test
  void cancelledIsAFinalStateToo() throws Exception {
    String id = ask(binding("bot", "{\"pr\":9}")).request().id();
    queue.decide(id, new Ruling.Cancel("opened by mistake"), "ops");
    assertThat(queue.find(id).orElseThrow().state()).isEqualTo(ApprovalState.CANCELLED);
    assertThat(queue.list(java.util.Optional.of(ApprovalState.PENDING), 10)).isEmpty();
  }

  @Test
  void aPendingRequestAndItsSlackMessageSurviveReopeningTheStore() throws Exception {
    String id = ask(binding("bot", "{\"pr\":10}")).request().id();
    queue.announced(id, "C1", "1700000000.000001");
    database.close();

    database = store.open();
    queue = queue(database);
    ApprovalRequest reopened = queue.find(id).orElseThrow();
    assertThat(reopened.state()).isEqualTo(ApprovalState.PENDING);
    assertThat(reopened.slack())
        .contains(new ApprovalRequest.SlackMessage("C1", "1700000000.000001", false));
    assertThat(queue.unannounced()).isEmpty();
    queue.decide(id, new Ruling.Approve(ApprovalGrant.once()), "U1");
    assertThat(queue.outcomesNotShown()).extracting(ApprovalRequest::id).containsExactly(id);
    queue.outcomeShown(id);
    assertThat(queue.outcomesNotShown()).isEmpty();
  }
}
