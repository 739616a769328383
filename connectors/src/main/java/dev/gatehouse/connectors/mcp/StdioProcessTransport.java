package dev.gatehouse.connectors.mcp;

import dev.gatehouse.connectors.UpstreamSpec;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The client side of an MCP stdio connection, written for a gateway: the child starts with an empty
 * environment plus {@code PATH}, {@code HOME} and what the config grants; a stray non-JSON line on
 * stdout is logged and skipped; closing ends the child and all its descendants.
 */
final class StdioProcessTransport implements McpClientTransport {
  private static final Logger log = LoggerFactory.getLogger(StdioProcessTransport.class);
  private static final int MAX_LINE_CHARS = 32 * 1024 * 1024;
  private static final Duration VOLUNTARY_EXIT = Duration.ofMillis(500);
  private static final Duration EXIT_GRACE = Duration.ofSeconds(3);
  private static final List<String> INHERITED = List.of("PATH", "HOME");

  private final UpstreamSpec.Stdio spec;
  private final McpJsonMapper json;
  private final Consumer<String> onExit;
  private volatile Process process;
  private volatile boolean closing;
  private volatile Consumer<Throwable> exceptionHandler = t -> {};

  /**
   * @param onExit told, with a short description, when the child exits without being closed
   */
  StdioProcessTransport(UpstreamSpec.Stdio spec, McpJsonMapper json, Consumer<String> onExit) {
    this.spec = spec;
    this.json = json;
    this.onExit = onExit;
  }

  @Override
  public Mono<Void> connect(Function<Mono<JSONRPCMessage>, Mono<JSONRPCMessage>> handler) {
    return Mono.fromRunnable(
        () -> {
          Process started = start();
          this.process = started;
          Thread.ofVirtual()
              .name("upstream-" + spec.name() + "-stdout")
              .start(() -> readMessages(started, handler));
          Thread.ofVirtual()
              .name("upstream-" + spec.name() + "-stderr")
              .start(() -> readErrors(started));
          started
              .onExit()
              .thenAccept(
                  p -> {
                    if (!closing) {
                      onExit.accept("process exited with status " + p.exitValue());
                    }
                  });
        });
  }

  private Process start() {
    List<String> command = new ArrayList<>();
    command.add(spec.command());
    command.addAll(spec.args());
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(spec.workingDirectory().toFile());
    Map<String, String> env = builder.environment();
    Map<String, String> inherited = new java.util.HashMap<>();
    INHERITED.forEach(
        name -> Optional.ofNullable(env.get(name)).ifPresent(v -> inherited.put(name, v)));
    env.clear();
    env.putAll(inherited);
    env.putAll(spec.env());
    try {
      return builder.start();
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot start '" + spec.command() + "': " + e.getMessage(), null);
    }
  }

  private void readMessages(
      Process child, Function<Mono<JSONRPCMessage>, Mono<JSONRPCMessage>> handler) {
    BoundedLineReader lines =
        new BoundedLineReader(
            new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8), MAX_LINE_CHARS);
    try {
      for (Optional<BoundedLineReader.Line> line = lines.next();
          line.isPresent();
          line = lines.next()) {
        switch (line.get()) {
          case BoundedLineReader.Line.TooLong tooLong ->
              log.warn(
                  "upstream {} wrote a line of {} characters to stdout; skipped",
                  spec.name(),
                  tooLong.chars());
          case BoundedLineReader.Line.Text text -> dispatch(text.text(), handler);
        }
      }
    } catch (IOException e) {
      if (!closing) {
        log.debug("upstream {} stdout closed: {}", spec.name(), e.getMessage());
      }
    }
  }

  private void dispatch(String line, Function<Mono<JSONRPCMessage>, Mono<JSONRPCMessage>> handler) {
    if (line.isBlank()) {
      return;
    }
    JSONRPCMessage message;
    try {
      message = McpSchema.deserializeJsonRpcMessage(json, line);
    } catch (IOException | RuntimeException e) {
      log.warn(
          "upstream {} wrote a line to stdout that is not JSON-RPC ({} characters); skipped",
          spec.name(),
          line.length());
      return;
    }
    // The client session answers requests itself through sendMessage; what the handler returns
    // is the message it was given and must not go back to the upstream.
    handler
        .apply(Mono.just(message))
        .subscribe(
            null,
            error -> {
              log.debug("upstream {}: handling a message failed", spec.name(), error);
              exceptionHandler.accept(error);
            });
  }

  private void readErrors(Process child) {
    BoundedLineReader lines =
        new BoundedLineReader(
            new InputStreamReader(child.getErrorStream(), StandardCharsets.UTF_8), 64 * 1024);
    try {
      for (Optional<BoundedLineReader.Line> line = lines.next();
          line.isPresent();
          line = lines.next()) {
        if (line.get() instanceof BoundedLineReader.Line.Text text && log.isDebugEnabled()) {
          log.debug("upstream {} stderr: {}", spec.name(), text.text());
        }
      }
    } catch (IOException e) {
      // the child is gone
    }
  }

  @Override
  public Mono<Void> sendMessage(JSONRPCMessage message) {
    return Mono.fromRunnable(
        () -> {
          Process child = process;
          if (child == null || !child.isAlive()) {
            throw new IllegalStateException("upstream " + spec.name() + " is not running");
          }
          try {
            byte[] bytes =
                (json.writeValueAsString(message) + "\n").getBytes(StandardCharsets.UTF_8);
            OutputStream stdin = child.getOutputStream();
            synchronized (this) {
              stdin.write(bytes);
              stdin.flush();
            }
          } catch (IOException e) {
            throw new IllegalStateException("upstream " + spec.name() + " stopped reading", null);
          }
        });
  }

  @Override
  public Mono<Void> closeGracefully() {
    return Mono.fromRunnable(this::terminate);
  }

  @Override
  public void close() {
    terminate();
  }

  private void terminate() {
    closing = true;
    Process child = process;
    if (child == null) {
      return;
    }
    ProcessTree tree = ProcessTree.of(child.toHandle());
    try {
      child.getOutputStream().close();
    } catch (IOException e) {
      // already closed
    }
    if (!tree.awaitExit(VOLUNTARY_EXIT)) {
      tree.terminate(EXIT_GRACE);
    }
  }

  /** The child's process handle, while it runs. */
  Optional<ProcessHandle> processHandle() {
    return Optional.ofNullable(process).map(Process::toHandle);
  }

  @Override
  public void setExceptionHandler(Consumer<Throwable> handler) {
    this.exceptionHandler = handler;
  }

  @Override
  public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
    return json.convertValue(data, typeRef);
  }
}
