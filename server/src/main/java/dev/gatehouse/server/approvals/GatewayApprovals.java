package dev.gatehouse.server.approvals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import dev.gatehouse.approvals.ApprovalEvents;
import dev.gatehouse.approvals.ApprovalGate;
import dev.gatehouse.approvals.ApprovalQueue;
import dev.gatehouse.approvals.ApprovalSettings;
import dev.gatehouse.approvals.ApprovalWaiters;
import dev.gatehouse.approvals.ApprovalWatcher;
import dev.gatehouse.approvals.ArgumentsPreview;
import dev.gatehouse.approvals.Binding;
import dev.gatehouse.approvals.BindingLock;
import dev.gatehouse.approvals.slack.SlackApprovers;
import dev.gatehouse.approvals.slack.SlackInteractions;
import dev.gatehouse.approvals.slack.SlackNotifier;
import dev.gatehouse.approvals.slack.SlackSettings;
import dev.gatehouse.approvals.slack.SlackSignatureCheck;
import dev.gatehouse.server.audit.AuditLog;
import dev.gatehouse.server.cluster.ApprovalSignals;
import dev.gatehouse.server.store.Database;
import dev.gatehouse.server.store.Dialect;
import dev.gatehouse.shield.redact.SecretRedactor;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Everything approvals need in one gateway: the queue (audited), the waiters, the gate the policy
 * stage hands calls to, the Slack channel once {@link #start started}, and in a cluster with Redis
 * the wake-up messages between nodes.
 */
public final class GatewayApprovals implements AutoCloseable {
  static final Duration SLACK_EVERY = Duration.ofMillis(500);

  private final ApprovalSettings settings;
  private final Optional<ApprovalSignals> signals;
  private final ExecutorService wakeUps = Executors.newVirtualThreadPerTaskExecutor();
  private final InstantSource clock;
  private final ObjectMapper mapper;
  private final ApprovalWaiters waiters = new ApprovalWaiters();
  private final ApprovalQueue queue;
  private final ApprovalGate gate;
  private volatile Optional<SlackInteractions> interactions = Optional.empty();
  private volatile Optional<Slack> slack = Optional.empty();
  private final ScheduledExecutorService slackThread =
      java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("gatehouse-slack").daemon().factory());

  /**
   * @param signals how decisions made here wake calls parked on other nodes (and theirs, calls
   *     here), in a cluster with Redis
   */
  public GatewayApprovals(
      ApprovalSettings settings,
      Database database,
      AuditLog audit,
      InstantSource clock,
      ObjectMapper mapper,
      Supplier<SecretRedactor> secrets,
      Optional<ApprovalSignals> signals) {
    this.settings = settings;
    this.clock = clock;
    this.mapper = mapper;
    this.signals = signals;
    List<ApprovalEvents> listeners =
        new ArrayList<>(List.of(new ApprovalAudit(audit, clock), waiters));
    signals.ifPresent(listeners::add);
    this.queue =
        new ApprovalQueue(
            database.jdbi(),
            clock,
            settings.expireAfter(),
            ApprovalEvents.all(listeners),
            bindingLock(database.dialect()));
    this.gate =
        new ApprovalGate(
            queue,
            waiters,
            new ArgumentsPreview(mapper, secrets),
            settings.hold(),
            progressEvery());
  }

  /** Admissions of one binding take turns across nodes (a no-op on SQLite). */
  static BindingLock bindingLock(Dialect dialect) {
    return (h, binding) -> dialect.serializeWriters(h, Dialect.APPROVAL_BINDINGS, key(binding));
  }

  /** A stable key for a binding: {@link String#hashCode} is the same in every JVM. */
  static int key(Binding binding) {
    return String.join(
            "\u0000",
            binding.agent(),
            binding.tool(),
            binding.argumentsDigest(),
            binding.policyRevision())
        .hashCode();
  }

  /** Progress every 5 s, or every tenth of the hold when that is shorter. */
  private Duration progressEvery() {
    Duration tenth = settings.hold().dividedBy(10);
    Duration every = tenth.compareTo(Duration.ofSeconds(5)) < 0 ? tenth : Duration.ofSeconds(5);
    return every.compareTo(Duration.ofMillis(100)) < 0 ? Duration.ofMillis(100) : every;
  }

  /**
   * Starts watching for decisions and expiry, and the Slack channel when configured.
   *
   * @param secrets resolves {@code ${secret:NAME}} references from the vault
   */
  public void start(ScheduledExecutorService scheduler, UnaryOperator<String> secrets) {
    long every = settings.checkEvery().toMillis();
    scheduler.scheduleWithFixedDelay(
        new ApprovalWatcher(queue, waiters), every, every, TimeUnit.MILLISECONDS);
    signals.ifPresent(s -> s.wake(queue, waiters, wakeUps));
    if (settings.slack().isPresent()) {
      SlackSettings slackSettings = settings.slack().get().resolved(secrets);
      SlackConfig config = new SlackConfig();
      config.setMethodsEndpointUrlPrefix(slackSettings.apiUrl().toString());
      Slack client = Slack.getInstance(config);
      MethodsClient methods = client.methods(slackSettings.botToken());
      interactions =
          Optional.of(
              new SlackInteractions(
                  new SlackSignatureCheck(slackSettings.signingSecret(), clock),
                  new SlackApprovers(
                      methods, slackSettings.approvers(), slackSettings.approverGroups(), clock),
                  queue,
                  methods,
                  mapper));
      slack = Optional.of(client);
      // Its own thread: a slow Slack must not delay the gateway's other timers.
      slackThread.scheduleWithFixedDelay(
          new SlackNotifier(queue, methods, slackSettings.channel(), clock),
          SLACK_EVERY.toMillis(),
          SLACK_EVERY.toMillis(),
          TimeUnit.MILLISECONDS);
    }
  }

  public ApprovalQueue queue() {
    return queue;
  }

  public ApprovalGate gate() {
    return gate;
  }

  /** The handler of Slack's interaction requests, once started with Slack configured. */
  public Optional<SlackInteractions> slackInteractions() {
    return interactions;
  }

  @Override
  public void close() {
    slackThread.shutdownNow();
    wakeUps.shutdownNow();
    slack.ifPresent(
        s -> {
          try {
            s.close();
          } catch (Exception e) {
            org.slf4j.LoggerFactory.getLogger(GatewayApprovals.class)
                .warn("closing the Slack client failed: {}", e.toString());
          }
        });
  }
}
