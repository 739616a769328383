package dev.gatehouse.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.shield.AgentIdentity;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * What every {@code /admin/*} servlet shares: the admin-token check, a JSON request body, JSON
 * answers and errors ({@link AdminJson}), and a failure inside (the token check, the store)
 * answered 503 with an incident id, never its text.
 */
abstract class AdminServlet extends HttpServlet {
  private static final int MAX_BODY_BYTES = 16 * 1024;

  private final transient AdminToken admins;
  final transient ObjectMapper mapper;
  private final transient AdminJson replies;

  AdminServlet(AdminToken admins, ObjectMapper mapper) {
    this.admins = admins;
    this.mapper = mapper;
    this.replies = new AdminJson(mapper);
  }

  @Override
  protected final void service(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    try {
      super.service(request, response);
    } catch (RuntimeException e) {
      replies.unavailable(response, e);
    }
  }

  /** The admin who sent the request; empty when refused (the refusal is already answered). */
  final Optional<AgentIdentity> admin(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    return admins.admit(request, response);
  }

  /** The request's JSON body ({@code {}} when empty); empty when it is not JSON, answered 400. */
  final Optional<JsonNode> body(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    try {
      byte[] bytes = request.getInputStream().readNBytes(MAX_BODY_BYTES);
      return Optional.of(bytes.length == 0 ? mapper.createObjectNode() : mapper.readTree(bytes));
    } catch (IOException e) {
      error(response, 400, "the body must be JSON");
      return Optional.empty();
    }
  }

  final void json(HttpServletResponse response, int status, JsonNode body) throws IOException {
    replies.write(response, status, body);
  }

  final void error(HttpServletResponse response, int status, String message) throws IOException {
    replies.error(response, status, message);
  }
}
