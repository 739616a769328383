package dev.gatehouse.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** How the admin API answers: a JSON body, or {@code {"error": "..."}} with its status. */
final class AdminJson {
  private final ObjectMapper mapper;

  AdminJson(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  void write(HttpServletResponse response, int status, JsonNode body) throws IOException {
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.getOutputStream().write(mapper.writeValueAsBytes(body));
  }

  void error(HttpServletResponse response, int status, String message) throws IOException {
    write(response, status, mapper.createObjectNode().put("error", message));
  }
}
