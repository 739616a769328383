package dev.gatehouse.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.approvals.ApprovalSettings;
import dev.gatehouse.approvals.slack.SlackSettings;
import dev.gatehouse.shield.yaml.InvalidFileException;
import dev.gatehouse.shield.yaml.Problem;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code approvals:} section of gatehouse.yaml. */
class ApprovalsConfigTest {
  @TempDir Path dir;

  private Path write(String yaml) throws Exception {
    Path file = dir.resolve("gatehouse.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  private List<String> problems(String yaml) throws Exception {
    try {
      ConfigLoader.load(write(yaml));
    } catch (InvalidFileException e) {
      return e.problems().stream()
          .map(Problem::toString)
          .map(p -> p.substring(p.indexOf("gatehouse.yaml")))
          .toList();
    }
    throw new AssertionError("expected problems");
  }

  @Test
  void readsEveryKeyAndNotesTheSlackSecretsAsVaultReferences() throws Exception {
    GatehouseConfig config =
        ConfigLoader.load(
            write(
                """
                approvals:
                  hold: 90s
                  expire_after: 2h
                  check_every: 5s
                  slack:
                    bot_token: "${secret:SLACK_BOT_TOKEN}"
                    signing_secret: "${secret:SLACK_SIGNING_SECRET}"
                    channel: C0123
                    approvers: [U012ABC]
                    approver_groups: [S0ABC]
                    api_url: http://127.0.0.1:9999/api
                """));
    ApprovalSettings approvals = config.approvals();
    assertThat(approvals.hold()).isEqualTo(Duration.ofSeconds(90));
    assertThat(approvals.expireAfter()).isEqualTo(Duration.ofHours(2));
    assertThat(approvals.checkEvery()).isEqualTo(Duration.ofSeconds(5));
    SlackSettings slack = approvals.slack().orElseThrow();
    assertThat(slack.botToken()).isEqualTo("${secret:SLACK_BOT_TOKEN}");
    assertThat(slack.channel()).isEqualTo("C0123");
    assertThat(slack.approvers()).containsExactly("U012ABC");
    assertThat(slack.approverGroups()).containsExactly("S0ABC");
    assertThat(slack.apiUrl()).isEqualTo(URI.create("http://127.0.0.1:9999/api/"));
    assertThat(config.secretReferences())
        .extracting(r -> r.name() + "@" + r.upstream() + ":" + r.location().line())
        .containsExactly(
            "SLACK_BOT_TOKEN@approvals.slack:6", "SLACK_SIGNING_SECRET@approvals.slack:7");
  }

  @Test
  void withoutTheSectionCallsHoldTwoMinutesAndNoSlack() throws Exception {
    GatehouseConfig config = ConfigLoader.load(write("server: { port: 0 }\n"));
    assertThat(config.approvals()).isEqualTo(ApprovalSettings.DEFAULT);
    assertThat(config.approvals().hold()).isEqualTo(Duration.ofSeconds(120));
    assertThat(config.approvals().checkEvery()).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void checkEveryMustBeLongerThanZero() throws Exception {
    assertThat(problems("approvals:\n  check_every: 0s\n"))
        .containsExactly("gatehouse.yaml:2:16: 'approvals': check_every must be longer than zero");
  }

  @Test
  void mistakesAreReportedWithTheirPlace() throws Exception {
    assertThat(
            problems(
                """
                approvals:
                  hold: 5m
                  expire_after: 1m
                  wait: 3s
                  slack:
                    bot_token: xoxb-pasted-right-here
                    signing_secret: "${secret:SLACK_SIGNING_SECRET}"
                    api_url: ftp://example.com
                """))
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith("gatehouse.yaml:3:")
                    .contains("expire_after must be at least as long as hold"))
        .anySatisfy(p -> assertThat(p).startsWith("gatehouse.yaml:4:").contains("wait"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith("gatehouse.yaml:6:")
                    .contains("bot_token must be a vault reference")
                    .doesNotContain("xoxb-pasted-right-here"))
        .anySatisfy(p -> assertThat(p).contains("needs 'channel'"))
        .anySatisfy(p -> assertThat(p).contains("needs approvers"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith("gatehouse.yaml:8:")
                    .contains("api_url must be an http(s) URL"));
  }
}
