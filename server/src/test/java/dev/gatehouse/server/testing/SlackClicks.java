package dev.gatehouse.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Plays Slack's side of interactivity: builds the payloads Slack sends for a button click or a
 * dialog submission, signs them as Slack does (computed here independently of the gateway's code),
 * and posts them to the gateway's {@code /slack/interactions}.
 */
public final class SlackClicks {
  private final ObjectMapper mapper = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final URI endpoint;
  private final String signingSecret;

  /** A request as sent: its body, timestamp and signature, so a test can send it again. */
  public record Signed(String body, String timestamp, String signature) {}

  public SlackClicks(int port, String signingSecret) {
    this.endpoint = URI.create("http://127.0.0.1:" + port + "/slack/interactions");
    this.signingSecret = signingSecret;
  }

  public ObjectNode click(String user, String actionId, String approvalId) {
    ObjectNode payload = mapper.createObjectNode();
    payload.put("type", "block_actions");
    payload.putObject("user").put("id", user);
    payload.putObject("channel").put("id", "C0APPROVALS");
    payload.put("trigger_id", "trigger-" + user);
    payload
        .putArray("actions")
        .addObject()
        .put("action_id", actionId)
        .put("block_id", "gatehouse_decision")
        .put("value", approvalId);
    return payload;
  }

  /** The submission of the deny dialog, with {@code privateMetadata} as the gateway set it. */
  public ObjectNode denySubmission(String user, String privateMetadata, String reason) {
    ObjectNode payload = mapper.createObjectNode();
    payload.put("type", "view_submission");
    payload.putObject("user").put("id", user);
    ObjectNode view = payload.putObject("view");
    view.put("callback_id", "gatehouse_deny_reason");
    view.put("private_metadata", privateMetadata);
    view.putObject("state")
        .putObject("values")
        .putObject("reason")
        .putObject("reason")
        .put("type", "plain_text_input")
        .put("value", reason);
    return payload;
  }

  public Signed sign(JsonNode payload, Instant at) {
    String body = "payload=" + URLEncoder.encode(payload.toString(), StandardCharsets.UTF_8);
    String timestamp = String.valueOf(at.getEpochSecond());
    return new Signed(body, timestamp, signature(timestamp, body, signingSecret));
  }

  public static String signature(String timestamp, String body, String secret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "v0="
          + HexFormat.of()
              .formatHex(
                  mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Signs {@code payload} now and posts it; returns the HTTP status. */
  public int send(JsonNode payload) throws Exception {
    return send(sign(payload, Instant.now()));
  }

  public int send(Signed signed) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(endpoint)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("X-Slack-Request-Timestamp", signed.timestamp())
            .header("X-Slack-Signature", signed.signature())
            .POST(HttpRequest.BodyPublishers.ofString(signed.body()))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
