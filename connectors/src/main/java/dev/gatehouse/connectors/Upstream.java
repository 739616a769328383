package dev.gatehouse.connectors;

import dev.gatehouse.shield.ClientChannel;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;

/** A real tool server behind Gatehouse, kept running by the gateway. */
public interface Upstream extends AutoCloseable {
  String name();

  UpstreamSpec spec();

  /** Starts connecting in the background; a failure schedules a restart, it is never thrown. */
  void start();

  UpstreamStatus status();

  /** The tools it lists now, as the upstream names them; empty while it is not ready. */
  List<McpSchema.Tool> tools();

  /** Registers a callback run whenever {@link #tools()} may have changed. */
  void onToolsChanged(Runnable listener);

  /**
   * Calls one tool and waits for its result. Blocks the calling (virtual) thread; an interrupt
   * cancels the call upstream.
   *
   * @param tool the tool's name at the upstream
   * @param client where progress and log messages for this call go
   * @throws UpstreamException when the upstream is down, times out, or the call is cancelled
   */
  McpSchema.CallToolResult call(String tool, Map<String, Object> arguments, ClientChannel client);

  /** Stops the upstream; for a child process, kills it and every process it started. */
  @Override
  void close();
}
