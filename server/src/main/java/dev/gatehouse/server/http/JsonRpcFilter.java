package dev.gatehouse.server.http;

import dev.gatehouse.server.mcp.CallRegistry;
import dev.gatehouse.server.mcp.JsonRpcTagger;
import io.modelcontextprotocol.spec.HttpHeaders;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads each POSTed JSON-RPC message before the SDK servlet: tags {@code tools/call} requests with
 * their call key, and answers a {@code notifications/cancelled} itself (202) after cancelling the
 * call it names. See {@link JsonRpcTagger}.
 */
public final class JsonRpcFilter extends HttpFilter {
  private final JsonRpcTagger tagger;
  private final CallRegistry calls;
  private final int maxBodyBytes;

  public JsonRpcFilter(JsonRpcTagger tagger, CallRegistry calls, int maxBodyBytes) {
    this.tagger = tagger;
    this.calls = calls;
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (!"POST".equals(request.getMethod())) {
      chain.doFilter(request, response);
      return;
    }
    byte[] body = request.getInputStream().readNBytes(maxBodyBytes + 1);
    if (body.length > maxBodyBytes) {
      HttpErrors.write(response, 413, HttpErrors.messageFor(413));
      return;
    }
    String sessionKey = String.valueOf(request.getHeader(HttpHeaders.MCP_SESSION_ID));
    String text = new String(body, StandardCharsets.UTF_8);
    JsonRpcTagger.Tagged tagged = tagger.tag(text, sessionKey);
    String forwarded;
    switch (tagged) {
      case JsonRpcTagger.Tagged.Forward forward -> forwarded = forward.text();
      case JsonRpcTagger.Tagged.Cancel cancel -> {
        // The SDK ignores cancellations; answering here keeps it from logging each one.
        calls.cancel(cancel.callKey());
        response.setStatus(HttpServletResponse.SC_ACCEPTED);
        return;
      }
    }
    byte[] bytes = forwarded == text ? body : forwarded.getBytes(StandardCharsets.UTF_8);
    chain.doFilter(new ReplayedBodyRequest(request, bytes), response);
  }
}
