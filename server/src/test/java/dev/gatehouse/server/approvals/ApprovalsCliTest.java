package dev.gatehouse.server.approvals;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.approvals.ApprovalQueue;
import dev.gatehouse.approvals.ApprovalRequest;
import dev.gatehouse.approvals.Binding;
import dev.gatehouse.server.Gateway;
import dev.gatehouse.server.cli.Main;
import dev.gatehouse.server.config.ConfigLoader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gatehouse approvals ...} against the store, as an on-call engineer types it. */
class ApprovalsCliTest {
  @TempDir Path dir;
  Path config;
  String id;

  record Run(int code, String out, String err) {}

  private Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] all = java.util.Arrays.copyOf(args, args.length + 2);
    all[args.length] = "--config";
    all[args.length + 1] = config.toString();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), all);
    return new Run(code, out.toString(), err.toString());
  }

  @BeforeEach
  void aPendingRequest() throws Exception {
    config = dir.resolve("gatehouse.yaml");
    Files.writeString(config, "server: { port: 0, data_dir: ./data }\n");
    try (Gateway gateway = Gateway.offline(ConfigLoader.load(config))) {
      ApprovalQueue.Admission admission =
          gateway
              .approvals()
              .queue()
              .admit(
                  new ApprovalQueue.Ask(
                      Binding.of(
                          "ci-bot",
                          "github__merge",
                          new ObjectMapper().readTree("{\"base\":\"main\"}"),
                          "rev9"),
                      "github",
                      "call-42",
                      "merge-needs-a-human",
                      "Merging to main needs a human.",
                      "{\n  \"base\" : \"main\"\n}",
                      "",
                      java.util.List.of()));
      id = admission.request().id();
    }
  }

  @Test
  void listAndShowTellWhatIsWaiting() {
    Run list = run("approvals", "list");
    assertThat(list.code()).isZero();
    assertThat(list.out())
        .contains(id)
        .contains("pending")
        .contains("ci-bot")
        .contains("github__merge")
        .contains("merge-needs-a-human");

    Run show = run("approvals", "show", id);
    assertThat(show.code()).isZero();
    assertThat(show.out())
        .contains("approval   " + id + " (pending)")
        .contains("Merging to main needs a human.")
        .contains("policy revision rev9")
        .contains("\"base\" : \"main\"");
    assertThat(run("approvals", "show", "ap_missing").code()).isEqualTo(1);
  }

  @Test
  void approveForAWindowIsAuditedWithTheApprover() throws Exception {
    assertThat(run("approvals", "approve", id, "--for", "forever").err())
        .contains("--for must be a duration up to 1d");
    Run approved = run("approvals", "approve", id, "--for", "2h", "--by", "carol");
    assertThat(approved.code()).isZero();
    assertThat(approved.out()).contains("approval " + id + " approved by carol (for 2h)");
    assertThat(run("approvals", "list").out()).doesNotContain(id);
    assertThat(run("approvals", "list", "--state", "approved").out()).contains(id);
    try (Gateway gateway = Gateway.offline(ConfigLoader.load(config))) {
      ApprovalRequest request = gateway.approvals().queue().find(id).orElseThrow();
      assertThat(request.decision().orElseThrow().grantUntil()).isPresent();
      assertThat(gateway.audit().tail(5))
          .anyMatch(
              r ->
                  r.outcome().equals("approval_approved")
                      && r.reason().contains("by carol")
                      && r.agent().equals("ci-bot"));
      assertThat(gateway.audit().verify().intact()).isTrue();
    }
  }

  @Test
  void denyNeedsAReasonAndCancelWithdraws() {
    assertThat(run("approvals", "deny", id).code()).isEqualTo(2);
    assertThat(run("approvals", "cancel", id, "--reason", "duplicate", "--by", "dave").out())
        .contains("approval " + id + " cancelled by dave");
    Run late = run("approvals", "deny", id, "--reason", "no");
    assertThat(late.code()).isEqualTo(3);
    assertThat(late.err()).contains("is cancelled (dave); nothing changed");
    assertThat(run("approvals", "approve", "ap_missing").code()).isEqualTo(1);
  }
}
