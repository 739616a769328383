package dev.gatehouse.server.cluster;

import dev.gatehouse.server.config.ClusterSettings;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Lettuce connections a node keeps to the cluster's Redis: one for commands and one for pub/sub
 * ({@link #subscribe}, {@link #publish}). Commands time out after {@link #COMMAND_TIMEOUT} and are
 * rejected at once while disconnected, so a dead Redis never hangs a call. Once connected, Lettuce
 * reconnects both by itself with a backoff bounded by {@link #MAX_RECONNECT_DELAY}, and subscribes
 * the pub/sub connection to its channels again; until the first connection succeeds, this class
 * retries on the same bound. A ping each second keeps {@link #problem()} current for {@code
 * /healthz}.
 */
public final class SharedRedis implements AutoCloseable {
  public static final Duration COMMAND_TIMEOUT = Duration.ofMillis(500);
  public static final Duration MAX_RECONNECT_DELAY = Duration.ofSeconds(2);
  static final String UNREACHABLE =
      "cluster: the shared Redis (rate limits and approvals) is unreachable; rate-limited calls"
          + " and calls that need approval are refused";

  private static final Logger log = LoggerFactory.getLogger(SharedRedis.class);

  private final ClusterSettings.Redis settings;
  private final String nodeId;
  private volatile ClientResources resources;
  private volatile RedisClient client;
  private volatile StatefulRedisConnection<String, String> connection;
  private volatile StatefulRedisPubSubConnection<String, String> pubSub;
  private final Map<String, Consumer<String>> channels = new ConcurrentHashMap<>();
  private final java.util.Set<String> confirmed = ConcurrentHashMap.newKeySet();
  private volatile ScheduledExecutorService timer;
  private volatile boolean failing;
  private volatile boolean closed;

  public SharedRedis(ClusterSettings.Redis settings, String nodeId) {
    this.settings = settings;
    this.nodeId = nodeId;
  }

  public ClusterSettings.Redis settings() {
    return settings;
  }

  /**
   * Connects (one attempt now, then retries in the background) and starts the health ping.
   *
   * @param password the vault's value for {@code cluster.redis.password}, when one is configured
   */
  public synchronized void start(Optional<String> password) {
    if (client != null) {
      throw new IllegalStateException("already started");
    }
    resources =
        ClientResources.builder()
            .ioThreadPoolSize(2)
            .computationThreadPoolSize(2)
            .reconnectDelay(
                Delay.exponential(
                    Duration.ofMillis(100), MAX_RECONNECT_DELAY, 2, TimeUnit.MILLISECONDS))
            .build();
    client = RedisClient.create(resources, uri(settings.url(), password, nodeId));
    client.setOptions(
        ClientOptions.builder()
            .autoReconnect(true)
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
            .socketOptions(SocketOptions.builder().connectTimeout(COMMAND_TIMEOUT).build())
            .build());
    timer =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("gatehouse-redis").daemon().factory());
    tryConnect();
    timer.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
  }

  static RedisURI uri(URI url, Optional<String> password, String nodeId) {
    String path = url.getPath() == null ? "" : url.getPath();
    RedisURI.Builder builder =
        RedisURI.Builder.redis(url.getHost(), url.getPort() == -1 ? 6379 : url.getPort())
            .withSsl("rediss".equals(url.getScheme()))
            .withDatabase(path.length() > 1 ? Integer.parseInt(path.substring(1)) : 0)
            .withTimeout(COMMAND_TIMEOUT)
            .withClientName("gatehouse-" + nodeId);
    password.ifPresent(builder::withPassword);
    return builder.build();
  }

  /** Connects if not yet connected, else pings: keeps the health state current. */
  private void tick() {
    if (connection == null) {
      tryConnect();
      return;
    }
    commands()
        .ifPresentOrElse(
            c -> {
              try {
                c.ping();
                succeeded();
                resubscribeMissing();
              } catch (RuntimeException e) {
                failed(e);
              }
            },
            () -> failed(null));
  }

  private synchronized void tryConnect() {
    if (connection != null || closed) {
      return;
    }
    StatefulRedisConnection<String, String> commands = null;
    StatefulRedisPubSubConnection<String, String> subscriber = null;
    try {
      commands = client.connect();
      subscriber = client.connectPubSub();
      subscriber.addListener(
          new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
              deliver(channel, message);
            }

            @Override
            public void subscribed(String channel, long count) {
              confirmed.add(channel);
            }
          });
      if (!channels.isEmpty()) {
        subscriber.sync().subscribe(channels.keySet().toArray(String[]::new));
      }
      pubSub = subscriber;
      connection = commands;
      log.info("connected to the cluster's Redis as node {}", nodeId);
      failing = false;
    } catch (RuntimeException e) {
      // Both connections reconnect by themselves once made: an attempt that failed halfway must
      // not leave one behind, or every retry would add another.
      if (subscriber != null) {
        subscriber.close();
      }
      if (commands != null) {
        commands.close();
      }
      failed(e);
    }
  }

  /**
   * Subscribes again to any channel Redis never confirmed (its subscribe was rejected while the
   * connection was down); Lettuce itself renews confirmed ones after a reconnect.
   */
  private void resubscribeMissing() {
    StatefulRedisPubSubConnection<String, String> subscriber = pubSub;
    if (subscriber != null && subscriber.isOpen()) {
      String[] missing =
          channels.keySet().stream().filter(c -> !confirmed.contains(c)).toArray(String[]::new);
      if (missing.length > 0) {
        subscriber.async().subscribe(missing);
      }
    }
  }

  /** Runs on Lettuce's event loop: listeners must hand slow work to another thread. */
  private void deliver(String channel, String message) {
    Consumer<String> listener = channels.get(channel);
    if (listener != null) {
      try {
        listener.accept(message);
      } catch (RuntimeException e) {
        log.error("handling a message on {} failed: {}", channel, e.getClass().getSimpleName());
      }
    }
  }

  /**
   * Hands each message published on {@code channel} to {@code listener}, from now on and across
   * reconnects (Lettuce subscribes a reconnected pub/sub connection to its channels again). The
   * listener runs on Lettuce's I/O thread and must not block. Messages published while this node is
   * disconnected are lost: pub/sub is a wake-up, never the record.
   */
  public synchronized void subscribe(String channel, Consumer<String> listener) {
    if (channels.putIfAbsent(channel, listener) != null) {
      throw new IllegalStateException("already subscribed to " + channel);
    }
    StatefulRedisPubSubConnection<String, String> subscriber = pubSub;
    if (subscriber != null) {
      subscriber.async().subscribe(channel);
    }
  }

  /**
   * Publishes {@code message} on {@code channel}; false when Redis cannot take it now (noted for
   * {@link #problem()}).
   */
  public boolean publish(String channel, String message) {
    Optional<RedisCommands<String, String>> commands = commands();
    if (commands.isEmpty()) {
      failed(null);
      return false;
    }
    try {
      commands.get().publish(channel, message);
      succeeded();
      return true;
    } catch (RuntimeException e) {
      failed(e);
      return false;
    }
  }

  /** Whether {@link #start} was called: a CLI process has the settings but no live connection. */
  public boolean started() {
    return client != null;
  }

  /**
   * Publishes one message over a connection opened for it and closed at once: for a CLI process,
   * which keeps no connection. Best effort: false when Redis cannot be reached within {@link
   * #COMMAND_TIMEOUT} or so.
   */
  public static boolean publishOnce(
      ClusterSettings.Redis settings,
      Optional<String> password,
      String nodeId,
      String channel,
      String message) {
    ClientResources once = ClientResources.builder().ioThreadPoolSize(1).build();
    RedisClient client = RedisClient.create(once, uri(settings.url(), password, nodeId));
    client.setOptions(
        ClientOptions.builder()
            .autoReconnect(false)
            .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
            .socketOptions(SocketOptions.builder().connectTimeout(COMMAND_TIMEOUT).build())
            .build());
    try (StatefulRedisConnection<String, String> c = client.connect()) {
      c.sync().publish(channel, message);
      return true;
    } catch (RuntimeException e) {
      return false;
    } finally {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
      once.shutdown(0, 1, TimeUnit.SECONDS);
    }
  }

  /** Synchronous commands, when a connection is up; empty while Redis is unreachable. */
  public Optional<RedisCommands<String, String>> commands() {
    StatefulRedisConnection<String, String> c = connection;
    return c != null && c.isOpen() ? Optional.of(c.sync()) : Optional.empty();
  }

  /** Whether both connections are up now (no command is sent). */
  private boolean connected() {
    StatefulRedisPubSubConnection<String, String> subscriber = pubSub;
    return commands().isPresent() && subscriber != null && subscriber.isOpen();
  }

  /** Notes that a command worked. */
  void succeeded() {
    if (failing) {
      log.info("the cluster's Redis answers again");
    }
    failing = false;
  }

  /** Notes that a command failed; logs once per outage, without a cause chain. */
  void failed(RuntimeException e) {
    if (!failing) {
      log.warn(
          "the cluster's Redis does not answer ({}); rate-limited calls and calls that need"
              + " approval are refused until it does",
          e == null ? "not connected" : e.getClass().getSimpleName());
    }
    failing = true;
  }

  /** Why the node is degraded, while it is; empty when Redis answers. */
  public Optional<String> problem() {
    return failing || !connected() ? Optional.of(UNREACHABLE) : Optional.empty();
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (timer != null) {
      timer.shutdownNow();
    }
    if (pubSub != null) {
      pubSub.close();
    }
    if (connection != null) {
      connection.close();
    }
    if (client != null) {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
    if (resources != null) {
      resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
  }
}
