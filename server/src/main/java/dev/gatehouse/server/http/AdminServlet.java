package dev.gatehouse.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * What every {@code /admin/*} servlet shares: JSON answers and errors ({@link AdminJson}), and a
 * failure inside (the token check, the store) answered 503 with an incident id, never its text.
 */
abstract class AdminServlet extends HttpServlet {
  private final transient AdminJson replies;

  AdminServlet(ObjectMapper mapper) {
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

  final void json(HttpServletResponse response, int status, JsonNode body) throws IOException {
    replies.write(response, status, body);
  }

  final void error(HttpServletResponse response, int status, String message) throws IOException {
    replies.error(response, status, message);
  }
}
