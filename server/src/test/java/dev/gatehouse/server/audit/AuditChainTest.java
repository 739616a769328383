package dev.gatehouse.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.server.cli.Main;
import dev.gatehouse.server.store.TestStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@link AuditChainCases} on the embedded SQLite file, and the {@code audit} CLI on it. */
class AuditChainTest extends AuditChainCases {
  @Override
  TestStore store(Path dir) {
    return TestStore.sqlite(dir.resolve("data"));
  }

  @Test
  void theCliVerifiesTailsAndExports() throws Exception {
    Path config = dir.resolve("gatehouse.yaml");
    Files.writeString(config, "server: { data_dir: ./data }\n");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    assertThat(
            Main.run(
                new PrintWriter(out),
                new PrintWriter(err),
                "audit",
                "verify",
                "--config",
                config.toString()))
        .isZero();
    assertThat(out.toString()).contains("audit chain intact: 10 records");

    StringWriter tail = new StringWriter();
    Main.run(
        new PrintWriter(tail),
        new PrintWriter(err),
        "audit",
        "tail",
        "-n",
        "3",
        "--config",
        config.toString());
    assertThat(tail.toString().lines()).hasSize(3).first().asString().startsWith("8 ");

    StringWriter jsonl = new StringWriter();
    Main.run(
        new PrintWriter(jsonl),
        new PrintWriter(err),
        "audit",
        "export",
        "--since",
        "2026-11-09T00:00:00Z",
        "--format",
        "jsonl",
        "--config",
        config.toString());
    assertThat(jsonl.toString().lines()).hasSize(3).allMatch(line -> line.startsWith("{\"seq\":"));

    StringWriter csv = new StringWriter();
    Main.run(
        new PrintWriter(csv),
        new PrintWriter(err),
        "audit",
        "export",
        "--since",
        "2026-11-01T00:00:00Z",
        "--format",
        "csv",
        "--config",
        config.toString());
    assertThat(csv.toString().lines()).hasSize(11).first().asString().startsWith("seq,at,call_id");

    raw.useHandle(h -> h.execute("update audit_records set agent = 'someone-else' where seq = 2"));
    StringWriter broken = new StringWriter();
    assertThat(
            Main.run(
                new PrintWriter(new StringWriter()),
                new PrintWriter(broken),
                "audit",
                "verify",
                "--config",
                config.toString()))
        .isEqualTo(5);
    assertThat(broken.toString())
        .contains("record 2: its content does not match its hash (edited)");
  }
}
