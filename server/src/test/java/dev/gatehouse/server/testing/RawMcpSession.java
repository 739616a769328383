package dev.gatehouse.server.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * MCP over plain HTTP requests, for what the SDK client cannot send (cancellation) or should not
 * (broken tokens, foreign sessions, wrong headers).
 */
public final class RawMcpSession {
  /** The {@code initialize} request {@link #open} sends. */
  public static final String INITIALIZE =
      "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
          + "\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}";

  private final HttpClient http = HttpClient.newHttpClient();
  private final URI uri;
  private final String token;
  private String sessionId;

  public RawMcpSession(URI uri, String token) {
    this.uri = uri;
    this.token = token;
  }

  public String sessionId() {
    return sessionId;
  }

  /** Initializes a session and sends {@code notifications/initialized}. */
  public RawMcpSession open() throws IOException, InterruptedException {
    HttpResponse<String> response = post(INITIALIZE);
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "initialize failed: " + response.statusCode() + " " + response.body());
    }
    sessionId = response.headers().firstValue("Mcp-Session-Id").orElseThrow();
    post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
    return this;
  }

  public HttpResponse<String> post(String body) throws IOException, InterruptedException {
    return http.send(request(body).build(), HttpResponse.BodyHandlers.ofString());
  }

  public CompletableFuture<HttpResponse<String>> postAsync(String body) {
    return http.sendAsync(request(body).build(), HttpResponse.BodyHandlers.ofString());
  }

  public HttpRequest.Builder request(String body) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    if (sessionId != null) {
      builder.header("Mcp-Session-Id", sessionId);
    }
    return builder;
  }

  /** Posts {@code body} on the given session id, whoever opened it. */
  public HttpResponse<String> http(String onSession, String body)
      throws IOException, InterruptedException {
    return http.send(
        request(body).setHeader("Mcp-Session-Id", onSession).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  public static String toolCall(int id, String tool, String argumentsJson) {
    return "{\"jsonrpc\":\"2.0\",\"id\":"
        + id
        + ",\"method\":\"tools/call\",\"params\":{\"name\":\""
        + tool
        + "\",\"arguments\":"
        + argumentsJson
        + "}}";
  }
}
