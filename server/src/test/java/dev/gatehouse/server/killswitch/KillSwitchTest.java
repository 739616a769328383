package dev.gatehouse.server.killswitch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.server.audit.AuditRecord;
import dev.gatehouse.server.audit.DatabaseAuditLog;
import dev.gatehouse.server.audit.GatewayEvents;
import dev.gatehouse.server.store.Database;
import dev.gatehouse.server.store.KillSwitchStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node's view of the kill switch on a real SQLite store, changed from another connection pool as
 * another process (the CLI) would: seen at the next refresh, audited, and refusing when the store
 * cannot be read.
 */
class KillSwitchTest {
  @TempDir Path dir;
  Database node;
  Database operator;
  MovableClock clock = new MovableClock(Instant.parse("2026-11-30T03:00:00Z"));
  KillSwitch view;
  KillSwitch controls;
  DatabaseAuditLog audit;

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

  @BeforeEach
  void open() {
    node = Database.open(dir);
    operator = Database.open(dir);
    audit = new DatabaseAuditLog(operator.jdbi(), operator.dialect());
    view =
        new KillSwitch(
            new KillSwitchStore(node.jdbi()),
            new GatewayEvents(new DatabaseAuditLog(node.jdbi(), node.dialect()), clock),
            clock);
    controls =
        new KillSwitch(
            new KillSwitchStore(operator.jdbi()), new GatewayEvents(audit, clock), clock);
  }

  @AfterEach
  void close() {
    node.close();
    operator.close();
  }

  @Test
  void aChangeMadeElsewhereIsSeenAtTheNextRefresh() {
    view.refresh();
    assertThat(view.state()).isInstanceOf(KillSwitchState.Off.class);
    controls.engage("cli:alice", "incident 42");
    assertThat(view.state()).as("not refreshed yet").isInstanceOf(KillSwitchState.Off.class);
    view.refresh();
    assertThat(view.state().reason())
        .isEqualTo("the kill switch is on since 2026-11-30T03:00:00Z (by cli:alice): incident 42");

    clock.advance(Duration.ofMinutes(5));
    controls.engage("cli:bob", "still investigating");
    view.refresh();
    assertThat(view.state().reason())
        .as("engaging again keeps the time it went on")
        .isEqualTo(
            "the kill switch is on since 2026-11-30T03:00:00Z (by cli:bob): still investigating");

    assertThat(controls.release("cli:alice")).isPresent();
    assertThat(controls.release("cli:alice")).as("already off").isEmpty();
    view.refresh();
    assertThat(view.state()).isInstanceOf(KillSwitchState.Off.class);
  }

  @Test
  void engagingAndReleasingAreGatewayEventsInTheAuditTrail() {
    controls.engage("cli:alice", "incident 42");
    controls.release("admin:ops");
    assertThat(audit.tail(10))
        .extracting(AuditRecord::agent, AuditRecord::outcome, AuditRecord::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "cli:alice", "kill_switch_on", "kill switch on by cli:alice: incident 42"),
            org.assertj.core.groups.Tuple.tuple(
                "admin:ops",
                "kill_switch_off",
                "kill switch off by admin:ops (on since 2026-11-30T03:00:00Z by cli:alice)"));
    assertThat(audit.verify().intact()).isTrue();
  }

  @Test
  void aReasonIsRequired() {
    assertThatThrownBy(() -> controls.engage("cli:alice", "  "))
        .hasMessageContaining("needs a reason");
  }

  @Test
  void whenTheStoreCannotBeReadRequestsAreRefusedOnceTheViewIsASecondOld() {
    assertThat(view.state()).as("never read").isInstanceOf(KillSwitchState.Unreadable.class);
    view.refresh();
    assertThat(view.state().refuses()).isFalse();
    node.close();
    view.refresh();
    assertThat(view.state().refuses()).as("one failed read refuses nothing").isFalse();
    clock.advance(KillSwitch.TRUSTED_FOR);
    view.refresh();
    assertThat(view.state()).isInstanceOf(KillSwitchState.Unreadable.class);
    assertThat(view.state().refuses()).isTrue();
  }
}
