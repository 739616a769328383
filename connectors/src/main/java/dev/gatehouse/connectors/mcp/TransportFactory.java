package dev.gatehouse.connectors.mcp;

import dev.gatehouse.connectors.UpstreamSpec;
import io.modelcontextprotocol.client.transport.HttpClientSseClientTransport;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.customizer.McpSyncHttpClientRequestCustomizer;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpClientTransport;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/** Builds the SDK transport for one connection attempt to an upstream. */
final class TransportFactory {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private final McpJsonMapper json;

  TransportFactory(McpJsonMapper json) {
    this.json = json;
  }

  /**
   * @param onExit for stdio upstreams, told when the child exits by itself
   */
  McpClientTransport create(UpstreamSpec spec, Consumer<String> onExit) {
    return switch (spec) {
      case UpstreamSpec.Stdio stdio -> new StdioProcessTransport(stdio, json, onExit);
      case UpstreamSpec.Http http ->
          HttpClientStreamableHttpTransport.builder(origin(http.url()))
              .endpoint(pathAndQuery(http.url()))
              .jsonMapper(json)
              .connectTimeout(CONNECT_TIMEOUT)
              .clientBuilder(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER))
              .httpRequestCustomizer(headers(http.headers()))
              .build();
      case UpstreamSpec.Sse sse ->
          HttpClientSseClientTransport.builder(origin(sse.url()))
              .sseEndpoint(pathAndQuery(sse.url()))
              .jsonMapper(json)
              .connectTimeout(CONNECT_TIMEOUT)
              .clientBuilder(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER))
              .httpRequestCustomizer(headers(sse.headers()))
              .build();
      case UpstreamSpec.HttpApi api ->
          throw new IllegalArgumentException(
              "upstream " + api.name() + " is an HTTP API, not an MCP server");
    };
  }

  private static McpSyncHttpClientRequestCustomizer headers(Map<String, String> headers) {
    return (builder, method, uri, body, context) -> headers.forEach(builder::setHeader);
  }

  static String origin(URI url) {
    return url.getScheme() + "://" + url.getRawAuthority();
  }

  static String pathAndQuery(URI url) {
    String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    return url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
  }
}
