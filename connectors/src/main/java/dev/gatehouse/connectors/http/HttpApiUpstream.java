package dev.gatehouse.connectors.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.connectors.Upstream;
import dev.gatehouse.connectors.UpstreamException;
import dev.gatehouse.connectors.UpstreamSpec;
import dev.gatehouse.connectors.UpstreamState;
import dev.gatehouse.connectors.UpstreamStatus;
import dev.gatehouse.connectors.vault.SecretInjector;
import dev.gatehouse.connectors.vault.VaultException;
import dev.gatehouse.shield.ClientChannel;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;

/**
 * A plain HTTP API behind the gateway: each configured operation is a tool. Credentials are
 * injected from the vault for every request; requests never leave the base URL's origin; idempotent
 * calls are retried; a circuit breaker stops calling an API that keeps failing.
 */
public final class HttpApiUpstream implements Upstream {
  private final UpstreamSpec.HttpApi spec;
  private final UnaryOperator<UpstreamSpec> prepare;
  private final InstantSource clock;
  private final HttpClient client;
  private final RequestFactory requests;
  private final HttpSender sender;
  private final RetryPolicy retry;
  private final ResponseRenderer renderer;
  private final CircuitBreaker breaker;
  private final Map<String, HttpTool> tools = new LinkedHashMap<>();
  private final List<McpSchema.Tool> listed;
  private final List<Runnable> listListeners = new CopyOnWriteArrayList<>();
  private final Instant since;
  private volatile boolean started;
  private volatile boolean closed;

  /**
   * Knobs tests turn; production uses {@link #defaults()}. The upstream owns the client and shuts
   * it down on {@link #close()}; the client must not follow redirects itself.
   */
  /**
   * @param secrets the vault's values, so that a body cut at its size limit never ends in the first
   *     part of one
   */
  public record Options(
      HttpClient client,
      Sleeper sleeper,
      Duration firstRetryDelay,
      RandomGenerator random,
      java.util.function.Supplier<dev.gatehouse.shield.redact.SecretRedactor> secrets) {
    public Options(
        HttpClient client, Sleeper sleeper, Duration firstRetryDelay, RandomGenerator random) {
      this(
          client,
          sleeper,
          firstRetryDelay,
          random,
          dev.gatehouse.shield.redact.SecretRedactor::empty);
    }

    public Options withSecrets(
        java.util.function.Supplier<dev.gatehouse.shield.redact.SecretRedactor> vault) {
      return new Options(client, sleeper, firstRetryDelay, random, vault);
    }

    public static Options defaults() {
      return new Options(
          HttpClient.newBuilder()
              .followRedirects(HttpClient.Redirect.NEVER)
              .connectTimeout(Duration.ofSeconds(10))
              .build(),
          duration -> Thread.sleep(duration),
          Duration.ofMillis(250),
          RandomGenerator.getDefault());
    }
  }

  /**
   * @param prepare injects the secrets the spec refers to; applied for every request, so that the
   *     values live no longer than needed
   */
  public HttpApiUpstream(
      UpstreamSpec.HttpApi spec,
      UnaryOperator<UpstreamSpec> prepare,
      ObjectMapper mapper,
      InstantSource clock,
      Options options) {
    this.spec = spec;
    this.prepare = prepare;
    this.clock = clock;
    this.client = options.client();
    this.requests = new RequestFactory(mapper);
    this.sender = new HttpSender(spec.name(), options.client(), clock, options.sleeper());
    this.retry =
        new RetryPolicy(
            spec.retries(), options.firstRetryDelay(), Duration.ofSeconds(10), options.random());
    this.renderer = new ResponseRenderer(mapper, spec.maxResponseBytes(), options.secrets());
    this.breaker = new CircuitBreaker(spec.breaker(), clock);
    spec.tools().forEach(t -> tools.put(t.name(), t));
    this.listed =
        spec.tools().stream()
            .map(
                t ->
                    new McpSchema.Tool(
                        t.name(),
                        null,
                        t.description().orElse(t.method() + " " + t.path()),
                        t.inputSchema(),
                        null,
                        annotations(t.method()),
                        null))
            .toList();
    this.since = clock.instant();
  }

  /** What the HTTP method says about a tool, as MCP hints (read-only, destructive, idempotent). */
  static McpSchema.ToolAnnotations annotations(String method) {
    boolean readOnly = method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
    return new McpSchema.ToolAnnotations(
        null,
        readOnly,
        method.equals("DELETE"),
        RetryPolicy.IDEMPOTENT.contains(method),
        true,
        null);
  }

  @Override
  public String name() {
    return spec.name();
  }

  @Override
  public UpstreamSpec spec() {
    return spec;
  }

  @Override
  public void start() {
    started = true;
    listListeners.forEach(Runnable::run);
  }

  @Override
  public UpstreamStatus status() {
    if (closed) {
      return status(UpstreamState.STOPPED, "stopped", Optional.empty());
    }
    if (!started) {
      return status(UpstreamState.STARTING, "not started yet", Optional.empty());
    }
    return switch (breaker.state()) {
      case CLOSED -> status(UpstreamState.READY, "ready; circuit closed", Optional.empty());
      case HALF_OPEN ->
          status(
              UpstreamState.READY, "circuit half-open: the next call is a trial", Optional.empty());
      case OPEN ->
          status(
              UpstreamState.DOWN,
              "circuit open after "
                  + breaker.consecutiveFailures()
                  + " failed calls in a row; calls fail fast until "
                  + breaker.openUntil(),
              Optional.of(breaker.openUntil()));
    };
  }

  private UpstreamStatus status(UpstreamState state, String detail, Optional<Instant> next) {
    return new UpstreamStatus(
        spec.name(),
        spec.type(),
        state,
        since,
        0,
        started && !closed ? listed.size() : 0,
        detail,
        next);
  }

  /** The circuit breaker's state, for metrics. */
  public CircuitBreaker.State breakerState() {
    return breaker.state();
  }

  @Override
  public List<McpSchema.Tool> tools() {
    return started && !closed ? listed : List.of();
  }

  @Override
  public void onListsChanged(Runnable listener) {
    listListeners.add(listener);
  }

  @Override
  public McpSchema.CallToolResult call(
      String tool, Map<String, Object> arguments, ClientChannel client) {
    HttpTool operation = tools.get(tool);
    if (operation == null || closed) {
      throw new UpstreamException(
          UpstreamException.Reason.UNAVAILABLE,
          "upstream " + spec.name() + " has no tool '" + tool + "'");
    }
    UpstreamSpec.HttpApi prepared = prepared(); // a missing secret is not the API's failure
    if (!breaker.tryAcquire()) {
      long seconds =
          Math.max(1, Duration.between(clock.instant(), breaker.openUntil()).toSeconds());
      throw new UpstreamException(
          UpstreamException.Reason.UNAVAILABLE,
          "upstream "
              + spec.name()
              + " is failing (its circuit is open after repeated errors); retry in about "
              + seconds
              + " s");
    }
    boolean reported = false;
    try {
      RequestFactory.Result built = requests.build(prepared, operation, arguments);
      if (built instanceof RequestFactory.Result.Refused refused) {
        return ResponseRenderer.error("Gatehouse: " + refused.reason());
      }
      OutgoingRequest request = ((RequestFactory.Result.Ready) built).request();
      HttpSender.Result result =
          sender.send(request, spec.baseUrl(), spec.callTimeout(), retry, spec.maxResponseBytes());
      return switch (result) {
        case HttpSender.Result.Refused refused -> {
          breaker.onSuccess();
          reported = true;
          yield ResponseRenderer.error("Gatehouse: " + refused.reason());
        }
        case HttpSender.Result.Answered answered -> {
          if (answered.response().isFailure()) {
            breaker.onFailure();
          } else {
            breaker.onSuccess();
          }
          reported = true;
          yield renderer.render(answered.response(), derivedSecrets(prepared.auth()));
        }
      };
    } catch (UpstreamException e) {
      if (e.reason() != UpstreamException.Reason.CANCELLED) {
        breaker.onFailure();
        reported = true;
      }
      throw e;
    } finally {
      if (!reported) {
        breaker.onAbandoned();
      }
    }
  }

  /**
   * Basic auth sends base64("user:password"): the vault's redaction knows the password's own
   * encodings, not this one, so the body is scrubbed of it here.
   */
  private Map<String, String> derivedSecrets(HttpAuth injected) {
    if (!(spec.auth() instanceof HttpAuth.Basic written)
        || !(injected instanceof HttpAuth.Basic basic)) {
      return Map.of();
    }
    List<String> names = new java.util.ArrayList<>();
    names.addAll(SecretInjector.namesIn(written.user()));
    names.addAll(SecretInjector.namesIn(written.password()));
    if (names.isEmpty()) {
      return Map.of();
    }
    String marker = "[REDACTED:" + String.join(",", names) + "]";
    byte[] pair = (basic.user() + ":" + basic.password()).getBytes(StandardCharsets.UTF_8);
    Map<String, String> derived = new LinkedHashMap<>();
    String standard = Base64.getEncoder().encodeToString(pair);
    String urlSafe = Base64.getUrlEncoder().encodeToString(pair);
    for (String form : List.of(standard, urlSafe)) {
      derived.put(form, marker);
      derived.put(form.replace("=", ""), marker);
    }
    return derived;
  }

  private UpstreamSpec.HttpApi prepared() {
    try {
      return (UpstreamSpec.HttpApi) prepare.apply(spec);
    } catch (VaultException e) {
      throw new UpstreamException(
          UpstreamException.Reason.UNAVAILABLE,
          "upstream " + spec.name() + " cannot be called: a secret it needs is not available");
    }
  }

  /** Stops taking calls and closes the HTTP client (calls in flight are aborted). */
  @Override
  public void close() {
    closed = true;
    client.shutdownNow();
  }
}
