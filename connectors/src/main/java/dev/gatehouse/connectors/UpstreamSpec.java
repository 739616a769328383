package dev.gatehouse.connectors;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** One upstream as configured: how to reach it and how its tools are named. */
public sealed interface UpstreamSpec {
  Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,31}");

  /** The upstream's name in config, status and audit. */
  String name();

  /** The prefix its tools get ({@code <prefix>__<tool>}), or empty to expose names as they are. */
  Optional<String> prefix();

  /** How long one call may take before it is cancelled upstream and reported as timed out. */
  Duration callTimeout();

  /** The type word used in config. */
  String type();

  /**
   * An MCP server started as a child process, speaking JSON-RPC on stdin/stdout.
   *
   * @param env the only environment the child gets, besides {@code PATH} and {@code HOME}
   * @param workingDirectory where the child runs (the config file's folder by default)
   */
  record Stdio(
      String name,
      Optional<String> prefix,
      Duration callTimeout,
      String command,
      List<String> args,
      Map<String, String> env,
      Path workingDirectory)
      implements UpstreamSpec {
    public Stdio {
      args = List.copyOf(args);
      env = Map.copyOf(env);
    }

    @Override
    public String type() {
      return "mcp-stdio";
    }
  }

  /** An MCP server reached over Streamable HTTP. */
  record Http(
      String name,
      Optional<String> prefix,
      Duration callTimeout,
      URI url,
      Map<String, String> headers)
      implements UpstreamSpec {
    public Http {
      headers = Map.copyOf(headers);
    }

    @Override
    public String type() {
      return "mcp-http";
    }
  }

  /** An MCP server reached over the legacy HTTP+SSE transport. */
  record Sse(
      String name,
      Optional<String> prefix,
      Duration callTimeout,
      URI url,
      Map<String, String> headers)
      implements UpstreamSpec {
    public Sse {
      headers = Map.copyOf(headers);
    }

    @Override
    public String type() {
      return "mcp-sse";
    }
  }
}
