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

  /**
   * A plain HTTP API whose operations are exposed as tools, written in the config ({@code
   * http-api}) or imported from an OpenAPI document ({@code openapi}).
   *
   * @param baseUrl every request goes to this URL's scheme, host and port, under its path
   * @param headers sent with every request; values may hold {@code ${secret:NAME}}
   * @param maxResponseBytes longer bodies are cut there, with a marker
   * @param retries extra attempts for idempotent calls that failed in a retryable way
   * @param openapi the OpenAPI document the tools were imported from, if any
   */
  record HttpApi(
      String name,
      Optional<String> prefix,
      Duration callTimeout,
      URI baseUrl,
      dev.gatehouse.connectors.http.HttpAuth auth,
      Map<String, String> headers,
      long maxResponseBytes,
      int retries,
      dev.gatehouse.connectors.http.BreakerSettings breaker,
      List<dev.gatehouse.connectors.http.HttpTool> tools,
      Optional<Path> openapi)
      implements UpstreamSpec {
    public static final long DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;
    public static final int DEFAULT_RETRIES = 2;

    public HttpApi {
      headers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(headers));
      tools = List.copyOf(tools);
    }

    @Override
    public String type() {
      return openapi.isPresent() ? "openapi" : "http-api";
    }

    /** The same spec with other credentials and default headers (secret injection). */
    public HttpApi withCredentials(
        dev.gatehouse.connectors.http.HttpAuth auth, Map<String, String> headers) {
      return new HttpApi(
          name,
          prefix,
          callTimeout,
          baseUrl,
          auth,
          headers,
          maxResponseBytes,
          retries,
          breaker,
          tools,
          openapi);
    }
  }
}
