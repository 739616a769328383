package dev.gatehouse.approvals.slack;

import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewClose;
import com.slack.api.model.view.ViewSubmit;
import com.slack.api.model.view.ViewTitle;
import dev.gatehouse.approvals.ApprovalGrant;
import dev.gatehouse.approvals.ApprovalQueue;
import dev.gatehouse.approvals.DecideResult;
import dev.gatehouse.approvals.Ruling;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles Slack's interaction requests ({@code POST /slack/interactions}): a verified click on
 * Approve or Approve for 1h decides the request; Deny opens a dialog for the reason, and its
 * submission denies. A click by someone who is not an approver changes nothing and gets an
 * ephemeral "not allowed". Requests that fail the signature, timestamp or replay check get 401.
 */
public final class SlackInteractions {
  private static final Logger log = LoggerFactory.getLogger(SlackInteractions.class);
  static final String DENY_DIALOG = "gatehouse_deny_reason";
  static final String REASON = "reason";
  static final Duration WINDOW = Duration.ofHours(1);

  private final SlackSignatureCheck signatures;
  private final SlackApprovers approvers;
  private final ApprovalQueue queue;
  private final MethodsClient slack;
  private final ObjectMapper mapper;

  public SlackInteractions(
      SlackSignatureCheck signatures,
      SlackApprovers approvers,
      ApprovalQueue queue,
      MethodsClient slack,
      ObjectMapper mapper) {
    this.signatures = signatures;
    this.approvers = approvers;
    this.queue = queue;
    this.slack = slack;
    this.mapper = mapper;
  }

  /** What goes back to Slack: a status, with an empty body. */
  public record Reply(int status) {
    static final Reply OK = new Reply(200);
  }

  public Reply handle(String timestamp, String signature, String body) {
    SlackSignatureCheck.Verdict verdict = signatures.check(timestamp, signature, body);
    if (verdict != SlackSignatureCheck.Verdict.VALID) {
      log.warn(
          "slack: refused an interaction request: {}",
          verdict.name().toLowerCase(java.util.Locale.ROOT));
      return new Reply(401);
    }
    Optional<JsonNode> payload = payload(body);
    if (payload.isEmpty()) {
      return new Reply(400);
    }
    JsonNode p = payload.get();
    String user = p.path("user").path("id").asText("");
    return switch (p.path("type").asText("")) {
      case "block_actions" -> clicked(p, user);
      case "view_submission" -> submitted(p, user);
      default -> Reply.OK;
    };
  }

  private Reply clicked(JsonNode p, String user) {
    JsonNode action = p.path("actions").path(0);
    String id = action.path("value").asText("");
    String channel = p.path("channel").path("id").asText("");
    String actionId = action.path("action_id").asText("");
    if (!List.of(ApprovalMessage.APPROVE, ApprovalMessage.APPROVE_WINDOW, ApprovalMessage.DENY)
        .contains(actionId)) {
      return Reply.OK;
    }
    if (!approvers.mayDecide(user, ruleApprovers(id))) {
      log.warn("slack: user {} is not an approver; approval {} unchanged", user, id);
      ephemeral(
          channel, user, "You are not allowed to decide Gatehouse approvals; nothing changed.");
      return Reply.OK;
    }
    switch (actionId) {
      case ApprovalMessage.APPROVE ->
          decide(id, new Ruling.Approve(ApprovalGrant.once()), user, channel);
      case ApprovalMessage.APPROVE_WINDOW ->
          decide(id, new Ruling.Approve(ApprovalGrant.forWindow(WINDOW)), user, channel);
      default -> askReason(p.path("trigger_id").asText(""), id, channel);
    }
    return Reply.OK;
  }

  private Reply submitted(JsonNode p, String user) {
    JsonNode view = p.path("view");
    if (!DENY_DIALOG.equals(view.path("callback_id").asText(""))) {
      return Reply.OK;
    }
    String id = view.path("private_metadata").asText("");
    String[] parts = id.split(" ", 2);
    String channel = parts.length == 2 ? parts[1] : "";
    String reason =
        view.path("state")
            .path("values")
            .path(REASON)
            .path(REASON)
            .path("value")
            .asText("")
            .strip();
    if (!approvers.mayDecide(user, ruleApprovers(parts[0]))) {
      log.warn("slack: user {} is not an approver; approval {} unchanged", user, parts[0]);
      ephemeral(
          channel, user, "You are not allowed to decide Gatehouse approvals; nothing changed.");
      return Reply.OK;
    }
    decide(parts[0], new Ruling.Deny(reason.isEmpty() ? "no reason given" : reason), user, channel);
    return Reply.OK;
  }

  /** The approvers the request's rule names (none for an unknown id: the queue reports it). */
  private List<String> ruleApprovers(String id) {
    return queue.find(id).map(dev.gatehouse.approvals.ApprovalRequest::approvers).orElse(List.of());
  }

  private void decide(String id, Ruling ruling, String user, String channel) {
    switch (queue.decide(id, ruling, user)) {
      case DecideResult.Decided decided ->
          log.info("slack: approval {} {} by {}", id, decided.request().state().word(), user);
      case DecideResult.AlreadyDecided already ->
          ephemeral(
              channel,
              user,
              "Approval "
                  + id
                  + " is already "
                  + already.request().state().word()
                  + " ("
                  + already.request().decidedBy()
                  + "); nothing changed.");
      case DecideResult.Unknown unknown ->
          ephemeral(channel, user, "There is no approval " + id + "; nothing changed.");
    }
  }

  private void askReason(String triggerId, String id, String channel) {
    View dialog =
        View.builder()
            .type("modal")
            .callbackId(DENY_DIALOG)
            .privateMetadata(id + " " + channel)
            .title(ViewTitle.builder().type("plain_text").text("Deny " + id).build())
            .submit(ViewSubmit.builder().type("plain_text").text("Deny").build())
            .close(ViewClose.builder().type("plain_text").text("Cancel").build())
            .blocks(
                List.of(
                    input(
                        i ->
                            i.blockId(REASON)
                                .label(plainText("Why? The agent sees this."))
                                .element(plainTextInput(t -> t.actionId(REASON).multiline(true))))))
            .build();
    try {
      var response = slack.viewsOpen(r -> r.triggerId(triggerId).view(dialog));
      if (!response.isOk()) {
        log.warn("slack: views.open for approval {} failed: {}", id, response.getError());
      }
    } catch (IOException | SlackApiException e) {
      log.warn("slack: views.open for approval {} failed: {}", id, e.getClass().getSimpleName());
    }
  }

  private void ephemeral(String channel, String user, String text) {
    if (channel.isEmpty()) {
      return;
    }
    try {
      var response = slack.chatPostEphemeral(r -> r.channel(channel).user(user).text(text));
      if (!response.isOk()) {
        log.warn("slack: chat.postEphemeral failed: {}", response.getError());
      }
    } catch (IOException | SlackApiException e) {
      log.warn("slack: chat.postEphemeral failed: {}", e.getClass().getSimpleName());
    }
  }

  private Optional<JsonNode> payload(String body) {
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals("payload")) {
        try {
          return Optional.of(
              mapper.readTree(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8)));
        } catch (IOException | IllegalArgumentException e) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }
}
