package dev.gatehouse.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.approvals.ApprovalQueue;
import dev.gatehouse.connectors.RelayStage;
import dev.gatehouse.connectors.ResolveStage;
import dev.gatehouse.connectors.ToolCatalog;
import dev.gatehouse.connectors.Upstream;
import dev.gatehouse.connectors.UpstreamSpec;
import dev.gatehouse.connectors.http.HttpApiUpstream;
import dev.gatehouse.connectors.mcp.McpUpstream;
import dev.gatehouse.connectors.vault.KeySource;
import dev.gatehouse.connectors.vault.SecretInjector;
import dev.gatehouse.connectors.vault.SecretReference;
import dev.gatehouse.connectors.vault.SecretVault;
import dev.gatehouse.server.approvals.GatewayApprovals;
import dev.gatehouse.server.audit.AuditLog;
import dev.gatehouse.server.audit.CallDetails;
import dev.gatehouse.server.audit.DatabaseAuditLog;
import dev.gatehouse.server.audit.GatewayEvents;
import dev.gatehouse.server.auth.SigningKeyStore;
import dev.gatehouse.server.auth.SigningKeys;
import dev.gatehouse.server.auth.TokenIssuer;
import dev.gatehouse.server.auth.TokenVerifier;
import dev.gatehouse.server.cluster.ApprovalSignals;
import dev.gatehouse.server.cluster.NodeHeartbeat;
import dev.gatehouse.server.cluster.RedisBackedApprovals;
import dev.gatehouse.server.cluster.RedisRateLimiter;
import dev.gatehouse.server.cluster.SharedRedis;
import dev.gatehouse.server.config.GatehouseConfig;
import dev.gatehouse.server.config.VaultSettings;
import dev.gatehouse.server.killswitch.KillSwitch;
import dev.gatehouse.server.killswitch.KillSwitchStage;
import dev.gatehouse.server.mcp.AnswerGuard;
import dev.gatehouse.server.mcp.CallRegistry;
import dev.gatehouse.server.mcp.GatewayAnswers;
import dev.gatehouse.server.mcp.ResourceSubscriptions;
import dev.gatehouse.server.mcp.Visibility;
import dev.gatehouse.server.metrics.GatewayMetrics;
import dev.gatehouse.server.pins.QuarantineStage;
import dev.gatehouse.server.pins.ToolPins;
import dev.gatehouse.server.pipeline.AuditStage;
import dev.gatehouse.server.pipeline.AuthenticateStage;
import dev.gatehouse.server.pipeline.MetricsStage;
import dev.gatehouse.server.policy.PolicyWatcher;
import dev.gatehouse.server.policy.SharedPolicies;
import dev.gatehouse.server.store.AgentStore;
import dev.gatehouse.server.store.Database;
import dev.gatehouse.server.store.DatabaseSecretStore;
import dev.gatehouse.server.store.KillSwitchStore;
import dev.gatehouse.server.store.PinStore;
import dev.gatehouse.server.store.PolicyBundleStore;
import dev.gatehouse.server.vault.VaultRedaction;
import dev.gatehouse.shield.Approvals;
import dev.gatehouse.shield.EgressGuardStage;
import dev.gatehouse.shield.Pipeline;
import dev.gatehouse.shield.PolicyStage;
import dev.gatehouse.shield.ToolDefinition;
import dev.gatehouse.shield.ValidateStage;
import dev.gatehouse.shield.detect.ResultRedactor;
import dev.gatehouse.shield.pin.PinVerdict;
import dev.gatehouse.shield.pin.PoisoningScan;
import dev.gatehouse.shield.policy.Action;
import dev.gatehouse.shield.policy.PolicySet;
import dev.gatehouse.shield.rate.InMemoryRateLimiter;
import dev.gatehouse.shield.rate.RateLimiter;
import dev.gatehouse.shield.yaml.Problems;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.json.schema.jackson2.DefaultJsonSchemaValidator;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * The one place where Gatehouse is put together: store, keys, upstreams, catalog and the pipeline.
 * Front doors (HTTP, stdio) are built on top of it. Nothing here is static.
 */
public final class Gateway implements AutoCloseable {
  private final GatehouseConfig config;
  private final InstantSource clock;
  private final ObjectMapper mapper = new ObjectMapper();
  private final McpJsonMapper json = new JacksonMcpJsonMapper(mapper);
  private final Database database;
  private final AgentStore agents;
  private final SigningKeys signingKeys;
  private final TokenVerifier verifier;
  private final TokenIssuer issuer;
  private final SigningKeyStore signingKeyStore;
  private final AuditLog audit;
  private final GatewayEvents events;
  private final ScheduledExecutorService scheduler;

  /**
   * The timer of what decides whether a request may pass (kill switch, signing keys): its own
   * thread, so that no other timer's slow work can age those views into refusing everything.
   */
  private final ScheduledExecutorService followers =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("gatehouse-follow").daemon().factory());

  private final List<Upstream> upstreams;
  private final ToolCatalog catalog;
  private final CallRegistry calls = new CallRegistry();
  private final SecretVault vault;
  private final VaultRedaction redaction;
  private final Supplier<PolicySet> policies;
  private final Optional<PolicyWatcher> policyWatcher;
  private final Optional<SharedPolicies> sharedPolicies;
  private final List<Runnable> visibilityListeners = new CopyOnWriteArrayList<>();
  private final PinStore pinStore;
  private final ToolPins pins;
  private final GatewayMetrics metrics;
  private final GatewayApprovals approvals;
  private final KillSwitch killSwitch;
  private final Optional<SharedRedis> redis;
  private final Pipeline pipeline;
  private final GatewayAnswers answers;
  private final java.time.Instant started;

  private Gateway(GatehouseConfig config, InstantSource clock, Duration firstRestartDelay) {
    this.config = config;
    this.clock = clock;
    this.started = clock.instant();
    KeySource keys = keySource(config);
    this.database = StoreOpener.open(config, keys, clock);
    this.agents = new AgentStore(database.jdbi());
    this.vault = new SecretVault(keys, new DatabaseSecretStore(database.jdbi()), clock);
    this.signingKeyStore = StoreOpener.signingKeys(config, database, vault);
    this.signingKeys = new SigningKeys(signingKeyStore, clock);
    this.verifier = new TokenVerifier(signingKeys, agents, clock);
    this.issuer = new TokenIssuer(signingKeys, agents, clock);
    this.audit = new DatabaseAuditLog(database.jdbi(), database.dialect());
    this.redaction = new VaultRedaction(vault);
    SecretInjector injector = new SecretInjector(vault);
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("gatehouse-timer").daemon().factory());
    List<Upstream> built = new ArrayList<>();
    for (UpstreamSpec spec : config.upstreams()) {
      built.add(
          switch (spec) {
            case UpstreamSpec.HttpApi api ->
                new HttpApiUpstream(
                    api,
                    injector::inject,
                    mapper,
                    clock,
                    HttpApiUpstream.Options.defaults().withSecrets(redaction));
            default ->
                new McpUpstream(spec, injector::inject, json, scheduler, clock, firstRestartDelay);
          });
    }
    this.upstreams = List.copyOf(built);
    this.catalog = new ToolCatalog(upstreams);
    this.policyWatcher = config.policies().map(PolicyWatcher::new);
    this.policies =
        policyWatcher.<Supplier<PolicySet>>map(watcher -> watcher).orElse(() -> NO_POLICIES);
    this.sharedPolicies =
        config
            .cluster()
            .filter(cluster -> cluster.database().isPresent())
            .flatMap(
                cluster ->
                    policyWatcher.map(
                        watcher ->
                            new SharedPolicies(
                                watcher,
                                new PolicyBundleStore(database.jdbi()),
                                cluster.nodeId(),
                                clock)));
    this.pinStore = new PinStore(database.jdbi());
    this.events = new GatewayEvents(audit, clock);
    this.killSwitch = new KillSwitch(new KillSwitchStore(database.jdbi()), events, clock);
    this.pins = new ToolPins(pinStore, clock, PoisoningScan.builtIn(mapper), events);
    catalog.onChange(snapshot -> pins.recheck(snapshot.tools().values()));
    pins.onVerdictChange(() -> visibilityListeners.forEach(Runnable::run));
    policyWatcher.ifPresent(w -> w.onChange(() -> visibilityListeners.forEach(Runnable::run)));
    policyWatcher.ifPresent(
        w ->
            w.onReload(
                new PolicyWatcher.Reloads() {
                  @Override
                  public void accepted(PolicySet previous, PolicySet next) {
                    events.policyReloaded(
                        previous.revision(), next.revision(), next.rules().size());
                  }

                  @Override
                  public void rejected(
                      PolicySet kept, List<dev.gatehouse.shield.yaml.Problem> problems) {
                    events.policyRejected(
                        kept.revision(), problems.size(), problems.get(0).toString());
                  }
                }));
    this.redis =
        config
            .cluster()
            .flatMap(cluster -> cluster.redis().map(r -> new SharedRedis(r, cluster.nodeId())));
    this.approvals =
        new GatewayApprovals(
            config.approvals(),
            database,
            audit,
            clock,
            mapper,
            redaction,
            redis.map(
                r ->
                    new ApprovalSignals(
                        r, () -> r.settings().password().map(this::resolveSecrets))));
    ApprovalQueue queue = approvals.queue();
    this.metrics =
        new GatewayMetrics(
            upstreams,
            () -> catalog.snapshot().tools().size(),
            this::failedPolicyReloads,
            queue::pendingCount);
    this.pipeline = pipeline();
    this.answers =
        new GatewayAnswers(
            catalog,
            visibility(),
            new ResourceSubscriptions(),
            pipeline,
            new AnswerGuard(
                killSwitch::state, verifier::stillValid, redaction, mapper, audit, clock),
            mapper);
  }

  /** Opens the store and keys only: for CLI commands that need no upstreams. */
  public static Gateway offline(GatehouseConfig config) {
    return new Gateway(config.storeOnly(), InstantSource.system(), Duration.ofSeconds(1));
  }

  /** Builds the gateway and starts connecting its upstreams in the background. */
  public static Gateway start(
      GatehouseConfig config, InstantSource clock, Duration firstRestartDelay) {
    Gateway gateway = new Gateway(config, clock, firstRestartDelay);
    try {
      gateway.checkSecretReferences();
      gateway.redis.ifPresent(r -> r.start(r.settings().password().map(gateway::resolveSecrets)));
      gateway.approvals.start(gateway.scheduler, gateway::resolveSecrets);
      gateway.sharedPolicies.ifPresent(SharedPolicies::start);
    } catch (RuntimeException e) {
      gateway.close();
      throw e;
    }
    gateway.redaction.refresh();
    gateway.scheduler.scheduleWithFixedDelay(
        gateway::refreshRedaction, 2, 2, java.util.concurrent.TimeUnit.SECONDS);
    gateway.policyWatcher.ifPresent(
        watcher ->
            gateway.scheduler.scheduleWithFixedDelay(
                watcher::poll, 500, 500, java.util.concurrent.TimeUnit.MILLISECONDS));
    gateway.sharedPolicies.ifPresent(
        shared ->
            gateway.scheduler.scheduleWithFixedDelay(
                shared::poll,
                SharedPolicies.POLL.toMillis(),
                SharedPolicies.POLL.toMillis(),
                java.util.concurrent.TimeUnit.MILLISECONDS));
    gateway.signingKeys.followOn(gateway.followers);
    gateway.killSwitch.refresh();
    gateway.followers.scheduleWithFixedDelay(
        gateway.killSwitch::refresh,
        KillSwitch.REFRESH_EVERY.toMillis(),
        KillSwitch.REFRESH_EVERY.toMillis(),
        java.util.concurrent.TimeUnit.MILLISECONDS);
    gateway.redis.ifPresent(
        redis -> {
          NodeHeartbeat heartbeat = new NodeHeartbeat(redis, gateway::heartbeat);
          gateway.scheduler.scheduleWithFixedDelay(
              heartbeat::beat, 0, 1, java.util.concurrent.TimeUnit.SECONDS);
        });
    gateway.upstreams.forEach(Upstream::start);
    gateway.scheduler.scheduleWithFixedDelay(
        gateway::recheckPins,
        ToolPins.REFRESH.toMillis(),
        ToolPins.REFRESH.toMillis(),
        java.util.concurrent.TimeUnit.MILLISECONDS);
    return gateway;
  }

  /**
   * Stores a secret in this node's own store in {@code data_dir} rather than the shared one: the
   * password of {@code cluster.database}, which the shared vault cannot hold.
   */
  public static void putNodeSecret(GatehouseConfig config, String name, String value) {
    StoreOpener.putNodeSecret(config, keySource(config), InstantSource.system(), name, value);
  }

  private static KeySource keySource(GatehouseConfig config) {
    return config
        .vault()
        .keysetEnv()
        .<KeySource>map(variable -> new KeySource.Environment(variable, System::getenv))
        .orElseGet(
            () ->
                new KeySource.File(
                    config
                        .vault()
                        .keysetFile()
                        .orElse(config.server().dataDir().resolve(VaultSettings.DEFAULT_FILE))));
  }

  /**
   * Without a {@code policies:} directory every call is refused: a firewall with no rules fails
   * closed.
   */
  private static final PolicySet NO_POLICIES = PolicySet.only(Action.DENY, "none");

  /**
   * Every {@code ${secret:NAME}} in the config must name a secret in the vault. A reference's user
   * is an upstream, or a section such as {@code cluster.redis} (names with a dot, which upstream
   * names never have).
   */
  private void checkSecretReferences() {
    java.util.Set<String> known = new java.util.HashSet<>();
    vault.list().forEach(secret -> known.add(secret.name()));
    Problems problems = new Problems();
    for (SecretReference reference : config.secretReferences()) {
      if (!known.contains(reference.name())) {
        String user = reference.upstream();
        problems.add(
            reference.location(),
            (user.contains(".") ? "'" + user + "'" : "upstream " + user)
                + " refers to the unknown secret '"
                + reference.name()
                + "' (set it with: gatehouse secret set "
                + reference.name()
                + ")");
      }
    }
    problems.throwIfAny();
  }

  /** Replaces each {@code ${secret:NAME}} in {@code text} with the vault's value. */
  String resolveSecrets(String text) {
    return SecretInjector.REFERENCE
        .matcher(text)
        .replaceAll(m -> java.util.regex.Matcher.quoteReplacement(vault.reveal(m.group(1))));
  }

  /** What this node tells the cluster about itself (cluster mode with Redis). */
  private NodeHeartbeat.Beat heartbeat() {
    return new NodeHeartbeat.Beat(
        config.cluster().map(c -> c.nodeId()).orElse(""),
        dev.gatehouse.server.mcp.McpServerFactory.VERSION,
        policies.get().revision(),
        started,
        clock.instant(),
        killSwitch.state().word());
  }

  private void refreshRedaction() {
    try {
      redaction.refresh();
    } catch (RuntimeException e) {
      org.slf4j.LoggerFactory.getLogger(Gateway.class)
          .error("vault redaction refresh failed: {}", e.toString());
    }
  }

  /** A store failure is logged and the next run tries again (a throw would end the timer). */
  private void recheckPins() {
    try {
      pins.recheck(catalog.snapshot().tools().values());
    } catch (RuntimeException e) {
      org.slf4j.LoggerFactory.getLogger(Gateway.class)
          .error("tool pin recheck failed: {}", e.toString());
    }
  }

  /** The order every tool call runs through. */
  private Pipeline pipeline() {
    return Pipeline.of(
        new MetricsStage(metrics),
        new AuditStage(audit, new CallDetails(mapper, redaction), clock),
        new EgressGuardStage(redaction, mapper),
        new AuthenticateStage(verifier),
        new KillSwitchStage(killSwitch::state),
        new ResolveStage(catalog),
        new QuarantineStage(pins),
        new ValidateStage(new DefaultJsonSchemaValidator(mapper)),
        new PolicyStage(policies, rateLimiter(), new ResultRedactor(mapper), approvalGate()),
        // Once more after the policy stage: a call that waited for approval while the switch
        // was turned on, or its agent was revoked, must not go out when someone approves it.
        new KillSwitchStage(killSwitch::state),
        new AuthenticateStage(verifier),
        new RelayStage(catalog, mapper));
  }

  /** In a cluster with Redis, calls that need a human are refused while Redis is unreachable. */
  private Approvals approvalGate() {
    return redis
        .<Approvals>map(r -> new RedisBackedApprovals(r, approvals.gate()))
        .orElse(approvals.gate());
  }

  /** Shared token buckets in Redis when clustered, else this process's own. */
  private RateLimiter rateLimiter() {
    return redis
        .<RateLimiter>map(RedisRateLimiter::new)
        .orElseGet(() -> new InMemoryRateLimiter(clock));
  }

  public GatehouseConfig config() {
    return config;
  }

  public InstantSource clock() {
    return clock;
  }

  public ObjectMapper mapper() {
    return mapper;
  }

  public McpJsonMapper json() {
    return json;
  }

  public Database database() {
    return database;
  }

  public AgentStore agents() {
    return agents;
  }

  public TokenVerifier verifier() {
    return verifier;
  }

  public TokenIssuer issuer() {
    return issuer;
  }

  /** Where the agent token keys are stored (for {@code gatehouse agent rotate-key}). */
  public SigningKeyStore signingKeyStore() {
    return signingKeyStore;
  }

  public AuditLog audit() {
    return audit;
  }

  /** The gateway's own events in the audit trail (policy reloads, quarantines, vault changes). */
  public GatewayEvents events() {
    return events;
  }

  public ToolCatalog catalog() {
    return catalog;
  }

  public CallRegistry calls() {
    return calls;
  }

  public Pipeline pipelineInUse() {
    return pipeline;
  }

  public SecretVault vault() {
    return vault;
  }

  /** Which upstreams the config lets receive each secret (for {@code gatehouse secret list}). */
  public java.util.Map<String, java.util.Set<String>> secretUsers() {
    java.util.Map<String, java.util.Set<String>> users = new java.util.TreeMap<>();
    config
        .secretReferences()
        .forEach(
            r -> users.computeIfAbsent(r.name(), n -> new java.util.TreeSet<>()).add(r.upstream()));
    return users;
  }

  public GatewayMetrics metrics() {
    return metrics;
  }

  public PolicySet policies() {
    return policies.get();
  }

  /** Reloads of the policy directory rejected since start. */
  public long failedPolicyReloads() {
    return policyWatcher.map(PolicyWatcher::failedReloads).orElse(0L);
  }

  /**
   * Called when what agents may see can have changed (a tool's pin verdict flipped, a new policy
   * set came into force): front doors then send {@code tools/list_changed}.
   */
  /** The answers the front doors give without the SDK (per-agent lists, completions, ...). */
  public GatewayAnswers answers() {
    return answers;
  }

  /** Registers a callback run with a resource's URI whenever its upstream says it changed. */
  public void onResourceUpdated(java.util.function.Consumer<String> listener) {
    upstreams.forEach(upstream -> upstream.onResourceUpdated(listener));
  }

  public void onVisibilityChange(Runnable listener) {
    visibilityListeners.add(listener);
  }

  public GatewayApprovals approvals() {
    return approvals;
  }

  /** The kill switch: this node's view of it, and the operator's controls. */
  public KillSwitch killSwitch() {
    return killSwitch;
  }

  public PinStore pinStore() {
    return pinStore;
  }

  public ToolPins pins() {
    return pins;
  }

  /**
   * What an agent sees in its lists: tools, prompts and resources the policy could ever allow it,
   * and of tools only those whose definition is the pinned one.
   */
  public Visibility visibility() {
    return (agent, target) ->
        policies
                .get()
                .mayEverAllow(agent, target.feature(), target.exposedName(), target.upstream())
            && (!(target instanceof ToolDefinition tool)
                || pins.verdict(tool) instanceof PinVerdict.Trusted);
  }

  public List<Upstream> upstreams() {
    return upstreams;
  }

  public GatewayStatus status(List<String> frontDoorProblems) {
    List<String> problems = new ArrayList<>(catalog.problems());
    problems.addAll(frontDoorProblems);
    // Keys that changed but cannot be read: a rotation may not be in force, so not "ok".
    List<String> storeProblems = new ArrayList<>(signingKeys.problem().stream().toList());
    redis.flatMap(SharedRedis::problem).ifPresent(storeProblems::add);
    return GatewayStatus.of(
        catalog.snapshot().tools().size(),
        policies.get().revision(),
        failedPolicyReloads(),
        upstreams.stream().map(Upstream::status).toList(),
        problems,
        storeProblems,
        killSwitch.state(),
        redaction.get());
  }

  @Override
  public void close() {
    upstreams.parallelStream().forEach(Upstream::close);
    scheduler.shutdownNow();
    followers.shutdownNow();
    try {
      // The timers (heartbeat, policy and approval checks) must be done with Redis and the
      // database before those close.
      scheduler.awaitTermination(2, java.util.concurrent.TimeUnit.SECONDS);
      followers.awaitTermination(2, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // Redis before approvals: no wake-up message may arrive for an executor already shut.
    redis.ifPresent(SharedRedis::close);
    approvals.close();
    database.close();
  }
}
