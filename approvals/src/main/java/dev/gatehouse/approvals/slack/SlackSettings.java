package dev.gatehouse.approvals.slack;

import java.net.URI;
import java.util.List;

/**
 * The {@code approvals.slack} section. As loaded, the token and signing secret may be {@code
 * ${secret:NAME}} references; the gateway {@link #resolved resolves} them from the vault.
 *
 * @param botToken the bot token ({@code xoxb-...})
 * @param signingSecret the app's signing secret, to verify interaction requests
 * @param channel the channel id requests are posted to
 * @param approvers Slack user ids who may decide
 * @param approverGroups Slack user group ids whose members may decide
 * @param apiUrl the Web API's base URL (ends with {@code /})
 */
public record SlackSettings(
    String botToken,
    String signingSecret,
    String channel,
    List<String> approvers,
    List<String> approverGroups,
    URI apiUrl) {
  public static final URI DEFAULT_API_URL = URI.create("https://slack.com/api/");

  public SlackSettings {
    approvers = List.copyOf(approvers);
    approverGroups = List.copyOf(approverGroups);
  }

  /** The same settings with {@code ${secret:NAME}} references in the token and secret resolved. */
  public SlackSettings resolved(java.util.function.UnaryOperator<String> resolve) {
    return new SlackSettings(
        resolve.apply(botToken),
        resolve.apply(signingSecret),
        channel,
        approvers,
        approverGroups,
        apiUrl);
  }

  @Override
  public String toString() {
    return "SlackSettings[channel=" + channel + ", apiUrl=" + apiUrl + "]";
  }
}
