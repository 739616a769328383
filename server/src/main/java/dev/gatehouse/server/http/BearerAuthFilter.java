package dev.gatehouse.server.http;

import dev.gatehouse.server.auth.TokenCheck;
import dev.gatehouse.server.auth.TokenVerifier;
import dev.gatehouse.shield.AgentIdentity;
import io.modelcontextprotocol.spec.HttpHeaders;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every MCP request needs a valid agent token: otherwise 401 with {@code WWW-Authenticate} and no
 * detail; 503 when the token cannot be checked because the store does not answer. A request that
 * names a session is refused with 404 when no agent owns the session (unknown, or gone: the client
 * initializes a new one) and with 403 when another agent does. The owner of every session id the
 * SDK hands out is recorded. The authenticated agent is left on the request for the SDK's transport
 * context.
 */
public final class BearerAuthFilter extends HttpFilter {
  /** The request attribute holding the {@link AgentIdentity}. */
  public static final String AGENT_ATTRIBUTE = "dev.gatehouse.agent";

  private static final Logger log = LoggerFactory.getLogger(BearerAuthFilter.class);
  private static final String CHALLENGE = "Bearer realm=\"gatehouse\"";

  private final TokenVerifier verifier;
  private final SessionBindings sessions;

  public BearerAuthFilter(TokenVerifier verifier, SessionBindings sessions) {
    this.verifier = verifier;
    this.sessions = sessions;
  }

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    Optional<String> token = bearer(request.getHeader("Authorization"));
    if (token.isEmpty()) {
      unauthorized(response, CHALLENGE);
      return;
    }
    TokenCheck check;
    try {
      check = verifier.check(token.get());
    } catch (RuntimeException e) {
      // The store (e.g. a shared PostgreSQL) does not answer: nothing about it reaches the client.
      String incident = java.util.UUID.randomUUID().toString();
      log.error("incident {}: cannot check an agent token, the store does not answer", incident, e);
      HttpErrors.write(
          response, 503, "The gateway cannot check tokens right now; incident " + incident);
      return;
    }
    if (check instanceof TokenCheck.Invalid invalid) {
      log.info("refused an MCP request from {}: {}", request.getRemoteAddr(), invalid.why());
      unauthorized(response, CHALLENGE + ", error=\"invalid_token\"");
      return;
    }
    AgentIdentity agent = ((TokenCheck.Valid) check).agent();
    String sessionId = request.getHeader(HttpHeaders.MCP_SESSION_ID);
    // A blank id names no session, as for the SDK.
    boolean namesSession = sessionId != null && !sessionId.isBlank();
    if (namesSession) {
      Optional<String> owner = sessions.owner(sessionId);
      if (owner.isEmpty()) {
        HttpErrors.write(response, 404, HttpErrors.messageFor(404));
        return;
      }
      if (!owner.get().equals(agent.name())) {
        log.warn("agent {} used a session of agent {}; refused", agent.name(), owner.get());
        HttpErrors.write(response, 403, "This session belongs to another agent");
        return;
      }
    }
    request.setAttribute(AGENT_ATTRIBUTE, agent);
    // Any request may be an initialize, whatever session it names: every id handed out is bound.
    chain.doFilter(request, new SessionCapture(response, agent.name()));
    if (namesSession
        && "DELETE".equals(request.getMethod())
        && response.getStatus() == HttpServletResponse.SC_OK) {
      sessions.deleted(sessionId);
    }
  }

  private static Optional<String> bearer(String header) {
    if (header == null || header.length() < 8 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.empty();
    }
    return Optional.of(header.substring(7).trim());
  }

  private static void unauthorized(HttpServletResponse response, String challenge)
      throws IOException {
    response.setHeader("WWW-Authenticate", challenge);
    HttpErrors.write(response, 401, "Unauthorized");
  }

  /** Binds a new session to the agent when the SDK hands out its id. */
  private final class SessionCapture extends HttpServletResponseWrapper {
    private final String agent;

    SessionCapture(HttpServletResponse response, String agent) {
      super(response);
      this.agent = agent;
    }

    @Override
    public void setHeader(String name, String value) {
      capture(name, value);
      super.setHeader(name, value);
    }

    @Override
    public void addHeader(String name, String value) {
      capture(name, value);
      super.addHeader(name, value);
    }

    private void capture(String name, String value) {
      if (HttpHeaders.MCP_SESSION_ID.equalsIgnoreCase(name) && value != null) {
        sessions.bind(value, agent);
      }
    }
  }
}
