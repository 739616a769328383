package dev.gatehouse.connectors.mcp;

import dev.gatehouse.connectors.Upstream;
import dev.gatehouse.connectors.UpstreamException;
import dev.gatehouse.connectors.UpstreamSpec;
import dev.gatehouse.connectors.UpstreamState;
import dev.gatehouse.connectors.UpstreamStatus;
import dev.gatehouse.shield.ClientChannel;
import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * An MCP server behind the gateway, reached with the SDK's async client. It keeps one connection,
 * restarts it with backoff when it fails or dies, refreshes its tools when the server says they
 * changed, and relays calls with their own timeout, progress routing and cancellation.
 */
public final class McpUpstream implements Upstream {
  private static final Logger log = LoggerFactory.getLogger(McpUpstream.class);
  private static final Duration INITIALIZE_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration HEALTH_INTERVAL = Duration.ofSeconds(15);
  private static final Listing EMPTY = new Listing(List.of(), List.of(), List.of(), List.of());

  private final UpstreamSpec spec;
  private final UnaryOperator<UpstreamSpec> prepare;
  private final TransportFactory transports;
  private final McpJsonMapper json;
  private final ScheduledExecutorService scheduler;
  private final InstantSource clock;
  private final Backoff backoff;
  private final List<Runnable> listListeners = new CopyOnWriteArrayList<>();
  private final List<java.util.function.Consumer<String>> updateListeners =
      new CopyOnWriteArrayList<>();
  private final Object lock = new Object();

  private Connection connection; // guarded by lock
  private UpstreamStatus status; // guarded by lock
  private int failuresInARow; // guarded by lock
  private int restarts; // guarded by lock
  private boolean closed; // guarded by lock

  private record Connection(
      McpAsyncClient client, CancellingTransport transport, InFlightCalls calls, Listing listing) {
    Connection with(Listing newListing) {
      return new Connection(client, transport, calls, newListing);
    }
  }

  /**
   * @param prepare turns the configured spec into the one to connect with (secret injection), on
   *     every connection attempt, so that the values live no longer than needed
   */
  public McpUpstream(
      UpstreamSpec spec,
      UnaryOperator<UpstreamSpec> prepare,
      McpJsonMapper json,
      ScheduledExecutorService scheduler,
      InstantSource clock,
      Duration firstRestartDelay) {
    this.spec = spec;
    this.prepare = prepare;
    this.json = json;
    this.transports = new TransportFactory(json);
    this.scheduler = scheduler;
    this.clock = clock;
    this.backoff = new Backoff(firstRestartDelay, Duration.ofSeconds(60));
    this.status = status(UpstreamState.STARTING, "not started yet", Optional.empty(), 0);
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
    Thread.ofVirtual().name("upstream-" + spec.name() + "-connect").start(this::connect);
  }

  @Override
  public UpstreamStatus status() {
    synchronized (lock) {
      return status;
    }
  }

  @Override
  public List<McpSchema.Tool> tools() {
    return listing().tools();
  }

  @Override
  public List<McpSchema.Prompt> prompts() {
    return listing().prompts();
  }

  @Override
  public List<McpSchema.Resource> resources() {
    return listing().resources();
  }

  @Override
  public List<McpSchema.ResourceTemplate> resourceTemplates() {
    return listing().templates();
  }

  private Listing listing() {
    synchronized (lock) {
      return connection == null ? EMPTY : connection.listing();
    }
  }

  @Override
  public void onListsChanged(Runnable listener) {
    listListeners.add(listener);
  }

  @Override
  public void onResourceUpdated(java.util.function.Consumer<String> listener) {
    updateListeners.add(listener);
  }

  private void connect() {
    synchronized (lock) {
      if (closed) {
        return;
      }
      status = status(UpstreamState.STARTING, "connecting", Optional.empty(), 0);
    }
    CancellingTransport transport;
    try {
      transport =
          new CancellingTransport(transports.create(prepare.apply(spec), this::childExited));
    } catch (RuntimeException e) {
      failed(safeDescription(e));
      return;
    }
    InFlightCalls calls = new InFlightCalls(spec.name());
    McpAsyncClient client =
        McpClient.async(transport)
            .requestTimeout(spec.callTimeout().plusSeconds(5))
            .initializationTimeout(INITIALIZE_TIMEOUT)
            .clientInfo(new McpSchema.Implementation("gatehouse", "0.1.0"))
            .capabilities(McpSchema.ClientCapabilities.builder().sampling().elicitation().build())
            .sampling(calls::onSampling)
            .elicitation(calls::onElicitation)
            .progressConsumer(calls::onProgress)
            .loggingConsumer(calls::onLog)
            .toolsChangeConsumer(
                tools -> {
                  relisted(transport, listing -> listing.withTools(tools), "tools");
                  return Mono.empty();
                })
            .promptsChangeConsumer(
                prompts -> {
                  relisted(transport, listing -> listing.withPrompts(prompts), "prompts");
                  return Mono.empty();
                })
            .resourcesChangeConsumer(
                resources ->
                    Mono.fromRunnable(
                            () -> {
                              McpAsyncClient current = client(transport);
                              if (current != null) {
                                List<McpSchema.ResourceTemplate> templates =
                                    Listing.templates(current, INITIALIZE_TIMEOUT);
                                relisted(
                                    transport,
                                    listing -> listing.withResources(resources, templates),
                                    "resources");
                              }
                            })
                        .subscribeOn(reactor.core.scheduler.Schedulers.boundedElastic())
                        .then())
            .resourcesUpdateConsumer(
                contents -> {
                  contents.stream()
                      .map(McpSchema.ResourceContents::uri)
                      .distinct()
                      .forEach(uri -> updateListeners.forEach(l -> l.accept(uri)));
                  return Mono.empty();
                })
            .build();
    try {
      client.initialize().block(INITIALIZE_TIMEOUT);
      Listing listing = Listing.of(client, INITIALIZE_TIMEOUT);
      synchronized (lock) {
        if (closed) {
          client.close();
          return;
        }
        connection = new Connection(client, transport, calls, listing);
        failuresInARow = 0;
      }
      // The catalog takes the lists in before the upstream reports READY, so whoever waits for
      // READY finds them served.
      fireListsChanged();
      synchronized (lock) {
        if (connection != null && connection.client() == client) {
          status = status(UpstreamState.READY, "ready", Optional.empty(), listing.tools().size());
        }
      }
      log.info(
          "upstream {} is ready with {} tools, {} prompts, {} resources, {} resource templates",
          spec.name(),
          listing.tools().size(),
          listing.prompts().size(),
          listing.resources().size(),
          listing.templates().size());
      scheduleHealthCheck(client);
    } catch (RuntimeException e) {
      client.close();
      failed(safeDescription(e));
    }
  }

  private McpAsyncClient client(CancellingTransport transport) {
    synchronized (lock) {
      return connection != null && connection.transport() == transport ? connection.client() : null;
    }
  }

  /** Takes in a list the upstream announced as changed. */
  private void relisted(CancellingTransport transport, UnaryOperator<Listing> change, String what) {
    int tools;
    synchronized (lock) {
      if (connection == null || connection.transport() != transport) {
        return;
      }
      connection = connection.with(change.apply(connection.listing()));
      tools = connection.listing().tools().size();
      status = status(UpstreamState.READY, "ready", Optional.empty(), tools);
    }
    log.info("upstream {} changed its {}", spec.name(), what);
    fireListsChanged();
  }

  private void scheduleHealthCheck(McpAsyncClient client) {
    if (spec instanceof UpstreamSpec.Stdio) {
      return; // a dying child is noticed through its exit
    }
    scheduler.schedule(
        () ->
            Thread.ofVirtual()
                .start(
                    () -> {
                      if (client(clientTransport(client)) != client) {
                        return;
                      }
                      try {
                        client.ping().block(Duration.ofSeconds(10));
                        scheduleHealthCheck(client);
                      } catch (RuntimeException e) {
                        connectionLost(client, "health check failed: " + safeDescription(e));
                      }
                    }),
        HEALTH_INTERVAL.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  private CancellingTransport clientTransport(McpAsyncClient client) {
    synchronized (lock) {
      return connection != null && connection.client() == client ? connection.transport() : null;
    }
  }

  private void childExited(String description) {
    McpAsyncClient current;
    synchronized (lock) {
      current = connection == null ? null : connection.client();
    }
    if (current != null) {
      connectionLost(current, description);
    } else {
      log.debug("upstream {}: {} while connecting", spec.name(), description);
    }
  }

  private void connectionLost(McpAsyncClient client, String description) {
    synchronized (lock) {
      if (connection == null || connection.client() != client) {
        return;
      }
      connection = null;
    }
    Thread.ofVirtual().start(client::close);
    fireListsChanged();
    failed(description);
  }

  private void failed(String description) {
    Duration delay;
    synchronized (lock) {
      if (closed) {
        return;
      }
      failuresInARow++;
      restarts++;
      delay = backoff.delay(failuresInARow);
      status = status(UpstreamState.DOWN, description, Optional.of(clock.instant().plus(delay)), 0);
    }
    log.warn(
        "upstream {} is down ({}); restarting in {} ms",
        spec.name(),
        description,
        delay.toMillis());
    scheduler.schedule(this::start, delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void fireListsChanged() {
    listListeners.forEach(Runnable::run);
  }

  @Override
  public McpSchema.CallToolResult call(
      String tool, Map<String, Object> arguments, ClientChannel channel) {
    return relay(
        channel,
        (client, token) ->
            client.callTool(
                new McpSchema.CallToolRequest(tool, arguments, Map.of("progressToken", token))));
  }

  @Override
  public McpSchema.GetPromptResult getPrompt(
      String prompt, Map<String, Object> arguments, ClientChannel channel) {
    return relay(
        channel,
        (client, token) ->
            client.getPrompt(
                new McpSchema.GetPromptRequest(prompt, arguments, Map.of("progressToken", token))));
  }

  @Override
  public McpSchema.ReadResourceResult readResource(String uri, ClientChannel channel) {
    return relay(
        channel,
        (client, token) ->
            client.readResource(
                new McpSchema.ReadResourceRequest(uri, Map.of("progressToken", token))));
  }

  @Override
  public McpSchema.CompleteResult complete(McpSchema.CompleteRequest request) {
    return relay(ClientChannel.NONE, (client, token) -> client.completeCompletion(request));
  }

  @Override
  public void subscribe(String uri) {
    relay(
        ClientChannel.NONE,
        (client, token) ->
            client.subscribeResource(new McpSchema.SubscribeRequest(uri)).thenReturn(Boolean.TRUE));
  }

  @Override
  public void unsubscribe(String uri) {
    relay(
        ClientChannel.NONE,
        (client, token) ->
            client
                .unsubscribeResource(new McpSchema.UnsubscribeRequest(uri))
                .thenReturn(Boolean.TRUE));
  }

  /**
   * Sends one request on the current connection and waits for its answer, with the call timeout,
   * cancellation upstream when the waiting thread is interrupted, and routing of the upstream's
   * progress, log, sampling and elicitation messages to {@code channel} while it runs.
   */
  private <T> T relay(
      ClientChannel channel,
      java.util.function.BiFunction<McpAsyncClient, String, Mono<T>> request) {
    Connection current;
    synchronized (lock) {
      current = connection;
    }
    if (current == null) {
      throw new UpstreamException(
          UpstreamException.Reason.UNAVAILABLE, "upstream " + spec.name() + " is not available");
    }
    String token = current.calls().register(channel);
    Future<T> pending = request.apply(current.client(), token).toFuture();
    try {
      return pending.get(spec.callTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      current.transport().cancel(token, "cancelled by the agent");
      pending.cancel(true);
      Thread.currentThread().interrupt();
      throw new UpstreamException(UpstreamException.Reason.CANCELLED, "the call was cancelled");
    } catch (TimeoutException e) {
      current.transport().cancel(token, "timed out in the gateway");
      pending.cancel(true);
      throw new UpstreamException(
          UpstreamException.Reason.TIMEOUT,
          "upstream "
              + spec.name()
              + " did not answer within "
              + spec.callTimeout().toSeconds()
              + " s");
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof McpError)) {
        // not an answer from the server but a broken connection: reconnect now, not at the next
        // health check
        connectionLost(current.client(), "a call failed: " + safeDescription(e.getCause()));
      }
      throw translate(e.getCause());
    } finally {
      current.calls().remove(token);
      current.transport().finished(token);
    }
  }

  private UpstreamException translate(Throwable cause) {
    if (cause instanceof McpError error && error.getJsonRpcError() != null) {
      return new UpstreamException(
          UpstreamException.Reason.PROTOCOL_ERROR,
          "upstream "
              + spec.name()
              + " answered with an error: "
              + error.getJsonRpcError().message());
    }
    return new UpstreamException(
        UpstreamException.Reason.UNAVAILABLE,
        "upstream " + spec.name() + " failed: " + safeDescription(cause));
  }

  /** A one-line cause for status and logs: the exception type and message, never a stack. */
  private static String safeDescription(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? "" : ": " + root.getMessage();
    String text = root.getClass().getSimpleName() + message;
    return text.length() > 300 ? text.substring(0, 300) + "..." : text;
  }

  private UpstreamStatus status(
      UpstreamState state, String detail, Optional<Instant> nextAttempt, int toolCount) {
    return new UpstreamStatus(
        spec.name(), spec.type(), state, clock.instant(), restarts, toolCount, detail, nextAttempt);
  }

  @Override
  public void close() {
    Connection last;
    synchronized (lock) {
      closed = true;
      last = connection;
      connection = null;
      status = status(UpstreamState.STOPPED, "stopped", Optional.empty(), 0);
    }
    if (last != null) {
      try {
        last.client().closeGracefully().block(Duration.ofSeconds(5));
      } catch (RuntimeException e) {
        log.debug("upstream {} did not close gracefully", spec.name(), e);
      }
      last.transport().close();
    }
  }

  /** The child process of a stdio upstream, while it runs (for tests and status). */
  public Optional<ProcessHandle> processHandle() {
    synchronized (lock) {
      if (connection != null
          && connection.transport().delegate() instanceof StdioProcessTransport stdio) {
        return stdio.processHandle();
      }
      return Optional.empty();
    }
  }
}
