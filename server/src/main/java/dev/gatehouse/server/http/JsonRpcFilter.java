package dev.gatehouse.server.http;

import dev.gatehouse.server.mcp.CallRegistry;
import dev.gatehouse.server.mcp.JsonRpcTagger;
import dev.gatehouse.shield.AgentIdentity;
import io.modelcontextprotocol.spec.HttpHeaders;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads each POSTed JSON-RPC message before the SDK servlet: tags requests with their call key,
 * answers a {@code notifications/cancelled} itself (202) after cancelling the call it names, and
 * answers the requests the gateway answers itself (per-agent lists, completions) with a JSON
 * response — on a session this agent opened only. See {@link JsonRpcTagger}.
 */
public final class JsonRpcFilter extends HttpFilter {
  private final JsonRpcTagger tagger;
  private final CallRegistry calls;
  private final SessionBindings sessions;
  private final int maxBodyBytes;

  public JsonRpcFilter(
      JsonRpcTagger tagger, CallRegistry calls, SessionBindings sessions, int maxBodyBytes) {
    this.tagger = tagger;
    this.calls = calls;
    this.sessions = sessions;
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
    Optional<AgentIdentity> agent =
        request.getAttribute(BearerAuthFilter.AGENT_ATTRIBUTE) instanceof AgentIdentity a
                && sessions.owner(sessionKey).filter(a.name()::equals).isPresent()
            ? Optional.of(a)
            : Optional.empty();
    JsonRpcTagger.Tagged tagged = tagger.tag(text, sessionKey, agent);
    String forwarded;
    switch (tagged) {
      case JsonRpcTagger.Tagged.Forward forward -> forwarded = forward.text();
      case JsonRpcTagger.Tagged.Cancel cancel -> {
        // The SDK ignores cancellations; answering here keeps it from logging each one.
        calls.cancel(cancel.callKey());
        response.setStatus(HttpServletResponse.SC_ACCEPTED);
        return;
      }
      case JsonRpcTagger.Tagged.Answer answer -> {
        byte[] json = answer.response().getBytes(StandardCharsets.UTF_8);
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("application/json");
        response.setContentLength(json.length);
        response.getOutputStream().write(json);
        return;
      }
    }
    byte[] bytes = forwarded == text ? body : forwarded.getBytes(StandardCharsets.UTF_8);
    chain.doFilter(new ReplayedBodyRequest(request, bytes), response);
  }
}
