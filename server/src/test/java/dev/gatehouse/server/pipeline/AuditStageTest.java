package dev.gatehouse.server.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.gatehouse.server.audit.AuditLog;
import dev.gatehouse.server.audit.AuditRecord;
import dev.gatehouse.server.audit.CallDetails;
import dev.gatehouse.server.audit.DatabaseAuditLog;
import dev.gatehouse.server.store.Database;
import dev.gatehouse.shield.AgentIdentity;
import dev.gatehouse.shield.ClientChannel;
import dev.gatehouse.shield.Feature;
import dev.gatehouse.shield.Outcome;
import dev.gatehouse.shield.ToolCall;
import dev.gatehouse.shield.redact.SecretRedactor;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit stage records every call: a cancelled one, and one whose stages fail with an Error. */
class AuditStageTest {
  static final Outcome DONE =
      new Outcome.Completed(McpSchema.CallToolResult.builder().addTextContent("done").build());

  @TempDir Path dir;
  Database database;
  AuditLog audit;

  @BeforeEach
  void open() {
    database = Database.open(dir);
    audit = new DatabaseAuditLog(database.jdbi(), database.dialect());
  }

  @AfterEach
  void close() {
    database.close();
  }

  AuditStage stage(AuditLog log) {
    return new AuditStage(
        log, new CallDetails(new ObjectMapper(), SecretRedactor::empty), InstantSource.system());
  }

  static ToolCall call() {
    return ToolCall.of(
        "call-1",
        new AgentIdentity("agent", Set.of(), "token-1"),
        "session-1",
        Feature.TOOL,
        "demo__echo",
        JsonNodeFactory.instance.objectNode(),
        ClientChannel.NONE);
  }

  @Test
  void aCallThatComesBackInterruptedIsRecordedAndStaysInterrupted() throws Exception {
    Thread worker =
        Thread.ofVirtual()
            .start(
                () -> {
                  Outcome outcome =
                      stage(audit)
                          .apply(
                              call(),
                              c -> {
                                Thread.currentThread().interrupt(); // as a cancelled relay does
                                return DONE;
                              });
                  assertThat(outcome).isEqualTo(DONE);
                  assertThat(Thread.currentThread().isInterrupted()).isTrue();
                });
    worker.join();
    assertThat(audit.tail(1)).extracting(AuditRecord::callId).containsExactly("call-1");
  }

  @Test
  void aStageFailingWithAnErrorIsRecordedAsAnInternalError() {
    Outcome outcome =
        stage(audit)
            .apply(
                call(),
                c -> {
                  throw new StackOverflowError();
                });
    assertThat(((Outcome.Denied) outcome).kind()).isEqualTo(Outcome.Kind.INTERNAL);
    assertThat(audit.tail(1).get(0).kind()).isEqualTo("internal");
  }

  @Test
  void anAppendFailingWithAnErrorRefusesTheCall() {
    AuditLog failing =
        new AuditLog() {
          @Override
          public void append(AuditRecord record) {
            throw new NoClassDefFoundError("gone");
          }

          @Override
          public java.util.List<dev.gatehouse.server.audit.ChainedRecord> latest(int count) {
            return java.util.List.of();
          }

          @Override
          public java.util.List<dev.gatehouse.server.audit.ChainedRecord> after(
              long afterSeq, int limit) {
            return java.util.List.of();
          }

          @Override
          public java.util.List<dev.gatehouse.server.audit.ChainedRecord> since(
              java.time.Instant since) {
            return java.util.List.of();
          }

          @Override
          public dev.gatehouse.server.audit.Verification verify() {
            throw new UnsupportedOperationException();
          }

          @Override
          public long prune(java.time.Instant before, String by) {
            throw new UnsupportedOperationException();
          }
        };
    Outcome outcome = stage(failing).apply(call(), c -> DONE);
    assertThat(((Outcome.Denied) outcome).reason()).startsWith("the call could not be recorded");
  }
}
