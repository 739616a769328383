package dev.gatehouse.server.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code redis-server} of a test's own, on a free port, without persistence: the test may kill
 * and restart it without touching the Redis other tests share.
 */
public final class RedisServer implements AutoCloseable {
  private final int port;
  private final List<String> extraArgs;
  private final Path log;
  private Process process;

  private RedisServer(int port, List<String> extraArgs, Path log) {
    this.port = port;
    this.extraArgs = extraArgs;
    this.log = log;
  }

  /** Starts one on a free port; {@code extraArgs} go on its command line. */
  public static RedisServer start(Path logDir, String... extraArgs) throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    RedisServer server = new RedisServer(port, List.of(extraArgs), logDir.resolve("redis.log"));
    server.restart();
    return server;
  }

  public int port() {
    return port;
  }

  public String url() {
    return "redis://127.0.0.1:" + port + "/0";
  }

  /** Starts the server again on the same port, and waits until it accepts connections. */
  public synchronized void restart() throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                "redis-server",
                "--port",
                Integer.toString(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no"));
    command.addAll(extraArgs);
    process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    await().atMost(Duration.ofSeconds(10)).until(this::accepts);
  }

  /** Kills the server (SIGKILL) and waits until it is gone. */
  public synchronized void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
    await().atMost(Duration.ofSeconds(10)).until(() -> !accepts());
  }

  private boolean accepts() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public synchronized void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
      process.waitFor();
    }
  }
}
