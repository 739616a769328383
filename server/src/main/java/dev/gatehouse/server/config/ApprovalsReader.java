package dev.gatehouse.server.config;

import dev.gatehouse.approvals.ApprovalSettings;
import dev.gatehouse.approvals.slack.SlackSettings;
import dev.gatehouse.connectors.vault.SecretInjector;
import dev.gatehouse.connectors.vault.SecretReference;
import dev.gatehouse.connectors.vault.SecretVault;
import dev.gatehouse.shield.yaml.MappingReader;
import dev.gatehouse.shield.yaml.Problems;
import dev.gatehouse.shield.yaml.YamlNode;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads the {@code approvals:} section of {@code gatehouse.yaml}. */
final class ApprovalsReader {
  static final Set<String> KEYS = Set.of("hold", "expire_after", "slack", "check_every");
  static final Set<String> SLACK_KEYS =
      Set.of("bot_token", "signing_secret", "channel", "approvers", "approver_groups", "api_url");

  /** Named as the user of the Slack secrets in reference checks and {@code secret list}. */
  static final String SLACK_USER = "approvals.slack";

  private ApprovalsReader() {}

  static ApprovalSettings read(
      MappingReader top, Problems problems, List<SecretReference> references) {
    Optional<MappingReader> section =
        top.node("approvals").flatMap(n -> MappingReader.of(n, problems, KEYS, "'approvals'"));
    if (section.isEmpty()) {
      return ApprovalSettings.DEFAULT;
    }
    MappingReader s = section.get();
    Duration hold = positive(s, "hold", problems).orElse(ApprovalSettings.DEFAULT_HOLD);
    Duration expire =
        positive(s, "expire_after", problems).orElse(ApprovalSettings.DEFAULT_EXPIRE_AFTER);
    if (expire.compareTo(hold) < 0) {
      problems.add(
          s.locationOf("expire_after"),
          "'approvals': expire_after must be at least as long as hold");
    }
    Optional<SlackSettings> slack =
        s.node("slack")
            .flatMap(n -> MappingReader.of(n, problems, SLACK_KEYS, "'approvals.slack'"))
            .flatMap(r -> slack(r, problems, references));
    Duration checkEvery =
        positive(s, "check_every", problems).orElse(ApprovalSettings.DEFAULT_CHECK_EVERY);
    return new ApprovalSettings(hold, expire, slack, checkEvery);
  }

  private static Optional<Duration> positive(MappingReader s, String key, Problems problems) {
    Optional<Duration> value = s.duration(key);
    if (value.isPresent() && (value.get().isZero() || value.get().isNegative())) {
      problems.add(s.locationOf(key), "'approvals': " + key + " must be longer than zero");
      return Optional.empty();
    }
    return value;
  }

  private static Optional<SlackSettings> slack(
      MappingReader r, Problems problems, List<SecretReference> references) {
    Optional<String> token = secret(r, "bot_token", problems, references);
    Optional<String> signing = secret(r, "signing_secret", problems, references);
    Optional<String> channel = r.requiredString("channel", "'approvals.slack'");
    List<String> approvers = r.strings("approvers");
    List<String> groups = r.strings("approver_groups");
    if (approvers.isEmpty() && groups.isEmpty()) {
      problems.add(
          r.location(),
          "'approvals.slack' needs approvers (Slack user ids) or approver_groups (user group ids):"
              + " nobody could decide otherwise");
    }
    URI api = SlackSettings.DEFAULT_API_URL;
    Optional<String> url = r.string("api_url");
    if (url.isPresent()) {
      try {
        String text = url.get().endsWith("/") ? url.get() : url.get() + "/";
        api = new URI(text);
        if (!("http".equals(api.getScheme()) || "https".equals(api.getScheme()))
            || api.getHost() == null) {
          problems.add(
              r.locationOf("api_url"), "'approvals.slack': api_url must be an http(s) URL");
        }
      } catch (java.net.URISyntaxException e) {
        problems.add(
            r.locationOf("api_url"),
            "'approvals.slack': api_url is not a valid URL: " + e.getReason());
      }
    }
    if (token.isEmpty() || signing.isEmpty() || channel.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new SlackSettings(token.get(), signing.get(), channel.get(), approvers, groups, api));
  }

  /** A Slack credential: it must be a {@code ${secret:NAME}} reference into the vault. */
  private static Optional<String> secret(
      MappingReader r, String key, Problems problems, List<SecretReference> references) {
    Optional<YamlNode.Scalar> scalar = r.scalar(key);
    if (scalar.isEmpty()) {
      problems.add(r.location(), "'approvals.slack' needs '" + key + "'");
      return Optional.empty();
    }
    String value = scalar.get().value().strip();
    List<String> names = SecretInjector.namesIn(value);
    if (names.size() != 1 || !value.equals("${secret:" + names.get(0) + "}")) {
      problems.add(
          scalar.get().location(),
          "'approvals.slack': "
              + key
              + " must be a vault reference like ${secret:SLACK_BOT_TOKEN}, never the value itself");
      return Optional.empty();
    }
    if (!SecretVault.NAME.matcher(names.get(0)).matches()) {
      problems.add(
          scalar.get().location(),
          "'" + names.get(0) + "' is not a valid secret name in ${secret:...}");
      return Optional.empty();
    }
    references.add(new SecretReference(names.get(0), SLACK_USER, scalar.get().location()));
    return Optional.of(value);
  }
}
