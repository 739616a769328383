package dev.gatehouse.server.cluster;

import dev.gatehouse.server.config.ClusterSettings;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one Lettuce connection a node keeps to the cluster's Redis. Commands time out after {@link
 * #COMMAND_TIMEOUT} and are rejected at once while disconnected, so a dead Redis never hangs a
 * call. Once connected, Lettuce reconnects by itself with a backoff bounded by {@link
 * #MAX_RECONNECT_DELAY}; until the first connection succeeds, this class retries on the same bound.
 * A ping each second keeps {@link #problem()} current for {@code /healthz}.
 */
public final class SharedRedis implements AutoCloseable {
  public static final Duration COMMAND_TIMEOUT = Duration.ofMillis(500);
  public static final Duration MAX_RECONNECT_DELAY = Duration.ofSeconds(2);
  static final String UNREACHABLE =
      "cluster: the shared Redis (rate limits) is unreachable; rate-limited calls are refused";

  private static final Logger log = LoggerFactory.getLogger(SharedRedis.class);

  private final ClusterSettings.Redis settings;
  private final String nodeId;
  private volatile ClientResources resources;
  private volatile RedisClient client;
  private volatile StatefulRedisConnection<String, String> connection;
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
    try {
      connection = client.connect();
      log.info("connected to the cluster's Redis as node {}", nodeId);
      failing = false;
    } catch (RuntimeException e) {
      failed(e);
    }
  }

  /** Synchronous commands, when a connection is up; empty while Redis is unreachable. */
  public Optional<RedisCommands<String, String>> commands() {
    StatefulRedisConnection<String, String> c = connection;
    return c != null && c.isOpen() ? Optional.of(c.sync()) : Optional.empty();
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
          "the cluster's Redis does not answer ({}); rate-limited calls are refused until it does",
          e == null ? "not connected" : e.getClass().getSimpleName());
    }
    failing = true;
  }

  /** Why the node is degraded, while it is; empty when Redis answers. */
  public Optional<String> problem() {
    return failing || commands().isEmpty() ? Optional.of(UNREACHABLE) : Optional.empty();
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (timer != null) {
      timer.shutdownNow();
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
