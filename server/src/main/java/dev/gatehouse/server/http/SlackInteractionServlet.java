package dev.gatehouse.server.http;

import dev.gatehouse.approvals.slack.SlackInteractions;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code POST /slack/interactions}: Slack's button clicks and dialog submissions. Not behind the
 * agents' bearer check: {@link SlackInteractions} verifies Slack's signature on the raw body.
 */
final class SlackInteractionServlet extends HttpServlet {
  static final String PATH = "/slack/interactions";
  static final int MAX_BODY_BYTES = 256 * 1024;

  private final SlackInteractions interactions;

  SlackInteractionServlet(SlackInteractions interactions) {
    this.interactions = interactions;
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    byte[] body = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
    if (body.length > MAX_BODY_BYTES) {
      response.setStatus(413);
      return;
    }
    SlackInteractions.Reply reply =
        interactions.handle(
            request.getHeader("X-Slack-Request-Timestamp"),
            request.getHeader("X-Slack-Signature"),
            new String(body, StandardCharsets.UTF_8));
    response.setStatus(reply.status());
  }
}
