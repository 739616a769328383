package dev.gatehouse.approvals.slack;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.slack.api.model.block.LayoutBlock;
import dev.gatehouse.approvals.ApprovalRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The Block Kit message approvers see: who wants to call what, with which (redacted) arguments,
 * which rule asked and why, what the detectors found, when it expires; then either the three
 * buttons or, once decided, the outcome, who decided and when.
 */
public final class ApprovalMessage {
  public static final String APPROVE = "gatehouse_approve";
  public static final String APPROVE_WINDOW = "gatehouse_approve_1h";
  public static final String DENY = "gatehouse_deny";
  static final int MAX_ARGUMENT_CHARS = 1_900;

  private ApprovalMessage() {}

  /** The notification text (shown in notifications and where blocks cannot be). */
  public static String text(ApprovalRequest r) {
    return switch (r.state()) {
      case PENDING ->
          "Approval needed: " + r.agent() + " wants to call " + r.tool() + " (" + r.id() + ")";
      default ->
          "Approval " + r.id() + " " + r.state().word() + ": " + r.agent() + " → " + r.tool();
    };
  }

  public static List<LayoutBlock> blocks(ApprovalRequest r) {
    List<LayoutBlock> blocks = new ArrayList<>();
    blocks.add(header(h -> h.text(plainText(title(r)))));
    blocks.add(
        section(
            s ->
                s.fields(
                    List.of(
                        markdownText("*Agent*\n" + escape(r.agent())),
                        markdownText("*Tool*\n`" + escape(r.tool()) + "`"),
                        markdownText("*Upstream*\n" + escape(r.upstream())),
                        markdownText(
                            "*Rule*\n`"
                                + escape(r.ruleId().isEmpty() ? "(default)" : r.ruleId())
                                + "`"),
                        markdownText("*Expires*\n" + date(r.expiresAt())),
                        markdownText(
                            "*Findings*\n"
                                + (r.findings().isEmpty()
                                    ? "none"
                                    : truncate(escape(r.findings()))))))));
    blocks.add(section(s -> s.text(markdownText("*Why*\n" + escape(r.reason())))));
    if (!r.approvers().isEmpty()) {
      blocks.add(
          section(
              s ->
                  s.text(
                      markdownText(
                          "*Who may decide*\n"
                              + String.join(
                                  ", ",
                                  r.approvers().stream().map(ApprovalMessage::person).toList())))));
    }
    blocks.add(
        section(
            s ->
                s.text(
                    markdownText(
                        "*Arguments* (secrets and findings redacted)\n```"
                            + truncate(escape(r.arguments()))
                            + "```"))));
    if (r.decision().isEmpty()) {
      blocks.add(
          actions(
              a ->
                  a.blockId("gatehouse_decision")
                      .elements(
                          List.of(
                              button(
                                  b ->
                                      b.actionId(APPROVE)
                                          .text(plainText("Approve"))
                                          .style("primary")
                                          .value(r.id())),
                              button(
                                  b ->
                                      b.actionId(APPROVE_WINDOW)
                                          .text(plainText("Approve for 1h"))
                                          .value(r.id())),
                              button(
                                  b ->
                                      b.actionId(DENY)
                                          .text(plainText("Deny"))
                                          .style("danger")
                                          .value(r.id()))))));
    } else {
      blocks.add(section(s -> s.text(markdownText(outcome(r)))));
    }
    blocks.add(
        context(
            c ->
                c.elements(
                    List.of(
                        markdownText(
                            "Gatehouse approval `"
                                + r.id()
                                + "` · policy revision `"
                                + escape(r.binding().policyRevision())
                                + "` · call `"
                                + escape(r.callId())
                                + "`")))));
    return blocks;
  }

  private static String title(ApprovalRequest r) {
    return switch (r.state()) {
      case PENDING -> "Approval needed: " + r.tool();
      case APPROVED -> "Approved: " + r.tool();
      case DENIED -> "Denied: " + r.tool();
      case EXPIRED -> "Expired: " + r.tool();
      case CANCELLED -> "Cancelled: " + r.tool();
    };
  }

  private static String outcome(ApprovalRequest r) {
    ApprovalRequest.Decision d = r.decision().orElseThrow();
    String who = person(d.by());
    String when = date(d.at());
    return switch (r.state()) {
      case APPROVED ->
          ":white_check_mark: *Approved* by "
              + who
              + " at "
              + when
              + (d.usesLeft() > 1
                  ? " for this exact call until "
                      + d.grantUntil().map(ApprovalMessage::date).orElse("?")
                  : " (once)");
      case DENIED -> ":no_entry: *Denied* by " + who + " at " + when + ": " + escape(d.note());
      case EXPIRED ->
          ":hourglass: *Expired* at " + when + " without a decision; the call was refused";
      case CANCELLED ->
          ":heavy_minus_sign: *Cancelled* by " + who + " at " + when + ": " + escape(d.note());
      case PENDING -> throw new IllegalStateException("pending has no outcome");
    };
  }

  /** A Slack user id renders as a mention; other approvers (CLI, API) by name. */
  static String person(String by) {
    if (by.matches("S[A-Z0-9]{2,}")) {
      return "<!subteam^" + by + ">";
    }
    return by.matches("[UW][A-Z0-9]{2,}") ? "<@" + by + ">" : escape(by);
  }

  private static String date(Instant at) {
    return "<!date^" + at.getEpochSecond() + "^{date_short_pretty} {time_secs}|" + at + ">";
  }

  private static String truncate(String text) {
    return text.length() <= MAX_ARGUMENT_CHARS
        ? text
        : text.substring(0, MAX_ARGUMENT_CHARS) + "\n…(truncated; see gatehouse approvals show)";
  }

  /** Slack's three control characters in mrkdwn. */
  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
