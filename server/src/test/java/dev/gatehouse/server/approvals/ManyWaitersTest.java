package dev.gatehouse.server.approvals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.approvals.ApprovalEvents;
import dev.gatehouse.approvals.ApprovalGate;
import dev.gatehouse.approvals.ApprovalGrant;
import dev.gatehouse.approvals.ApprovalQueue;
import dev.gatehouse.approvals.ApprovalState;
import dev.gatehouse.approvals.ApprovalWaiters;
import dev.gatehouse.approvals.ApprovalWatcher;
import dev.gatehouse.approvals.ArgumentsPreview;
import dev.gatehouse.approvals.BindingLock;
import dev.gatehouse.approvals.Ruling;
import dev.gatehouse.server.store.Database;
import dev.gatehouse.shield.AgentIdentity;
import dev.gatehouse.shield.Approvals;
import dev.gatehouse.shield.ClientChannel;
import dev.gatehouse.shield.ToolCall;
import dev.gatehouse.shield.ToolDefinition;
import dev.gatehouse.shield.policy.Action;
import dev.gatehouse.shield.policy.Decision;
import dev.gatehouse.shield.redact.SecretRedactor;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thousands of calls waiting for approvals cost virtual threads, not platform threads; a decision
 * made by another process (another queue on the same file, as the CLI does) reaches them all.
 */
class ManyWaitersTest {
  static final int CALLS = 2_000;
  static final int REQUESTS = 20;

  @TempDir Path dir;

  @Test
  void twoThousandHeldCallsUseNoPlatformThreadsAndAllSeeTheDecision() throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    try (Database database = Database.open(dir);
        ExecutorService agents = Executors.newVirtualThreadPerTaskExecutor();
        var timer = Executors.newSingleThreadScheduledExecutor()) {
      ApprovalWaiters waiters = new ApprovalWaiters();
      ApprovalQueue queue =
          new ApprovalQueue(
              database.jdbi(),
              InstantSource.system(),
              Duration.ofHours(1),
              waiters,
              BindingLock.NONE);
      ApprovalQueue cli =
          new ApprovalQueue(
              database.jdbi(),
              InstantSource.system(),
              Duration.ofHours(1),
              new ApprovalEvents() {},
              BindingLock.NONE);
      timer.scheduleWithFixedDelay(
          new ApprovalWatcher(queue, waiters), 200, 200, TimeUnit.MILLISECONDS);
      ApprovalGate gate =
          new ApprovalGate(
              queue,
              waiters,
              new ArgumentsPreview(mapper, SecretRedactor::empty),
              Duration.ofSeconds(60),
              Duration.ofSeconds(5));
      ToolDefinition deploy =
          new ToolDefinition(
              "ops__deploy",
              "ops",
              "deploy",
              McpSchema.Tool.builder()
                  .name("ops__deploy")
                  .inputSchema(new JacksonMcpJsonMapper(mapper), "{\"type\":\"object\"}")
                  .build());
      Decision decision =
          new Decision(
              Action.APPROVE,
              Optional.of("deploys"),
              List.of("deploys"),
              List.of(),
              "deploys need a human",
              List.of(),
              "rev1",
              List.of(),
              List.of(),
              List.of());
      int platformBefore = ManagementFactory.getThreadMXBean().getThreadCount();

      List<Future<Approvals.Verdict>> verdicts = new ArrayList<>();
      for (int i = 0; i < CALLS; i++) {
        ToolCall call =
            ToolCall.of(
                    "call-" + i,
                    new AgentIdentity("bot", Set.of(), "t"),
                    "s",
                    "ops__deploy",
                    mapper.createObjectNode().put("service", "svc-" + (i % REQUESTS)),
                    ClientChannel.NONE)
                .withTarget(deploy);
        verdicts.add(agents.submit(() -> gate.await(call, decision)));
      }
      await().atMost(Duration.ofSeconds(30)).until(() -> waiters.ids().size() == REQUESTS);
      assertThat(ManagementFactory.getThreadMXBean().getThreadCount() - platformBefore)
          .isLessThan(50);

      for (var request : queue.list(Optional.of(ApprovalState.PENDING), 100)) {
        cli.decide(
            request.id(),
            new Ruling.Approve(ApprovalGrant.forWindow(Duration.ofMinutes(5))),
            "cli:alice");
      }
      for (Future<Approvals.Verdict> verdict : verdicts) {
        assertThat(verdict.get(30, TimeUnit.SECONDS)).isInstanceOf(Approvals.Verdict.Granted.class);
      }
      assertThat(queue.list(Optional.empty(), 100)).hasSize(REQUESTS);
    }
  }
}
