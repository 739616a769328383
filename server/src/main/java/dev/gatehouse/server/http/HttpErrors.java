package dev.gatehouse.server.http;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Writes the small JSON-RPC error bodies of the front door: a status and one fixed line. */
final class HttpErrors {
  private HttpErrors() {}

  static void write(HttpServletResponse response, int status, String message) throws IOException {
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    String body =
        "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32000,\"message\":\""
            + message.replace("\\", "\\\\").replace("\"", "\\\"")
            + "\"}}";
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
  }

  /** The line shown for a status the SDK answered with; never the SDK's own error text. */
  static String messageFor(int status) {
    return switch (status) {
      case 400 -> "Bad request";
      case 403 -> "Forbidden";
      case 404 -> "Session not found; initialize a new session";
      case 405 -> "Method not allowed";
      case 406 -> "Not acceptable: accept application/json and text/event-stream";
      case 413 -> "Request too large";
      case 415 -> "Unsupported media type: send application/json";
      case 421 -> "Misdirected request: Host not allowed";
      case 503 -> "Service unavailable";
      default -> status >= 500 ? "Internal error" : "Request refused";
    };
  }
}
