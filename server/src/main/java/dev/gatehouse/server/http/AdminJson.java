package dev.gatehouse.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How the admin API answers: a JSON body, or {@code {"error": "..."}} with its status. */
final class AdminJson {
  private static final Logger log = LoggerFactory.getLogger(AdminJson.class);

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

  /**
   * Answers a request that failed inside the gateway (most often: the store does not answer) with
   * 503 and an incident id; the exception, whose text may name the database, is only logged.
   */
  void unavailable(HttpServletResponse response, RuntimeException failure) throws IOException {
    String incident = UUID.randomUUID().toString();
    log.error("incident {}: an admin API request failed", incident, failure);
    if (response.isCommitted()) {
      return;
    }
    response.resetBuffer();
    error(response, 503, "the gateway cannot answer this now; incident " + incident);
  }
}
