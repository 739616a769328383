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
    assertThat(out.toString())
        .contains("audit chain intact: 10 records")
        .contains("head 10:" + TENTH_HASH);

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

  @Test
  void verifyFailsWhenTheHeadKeptElsewhereIsGone() throws Exception {
    Path config = dir.resolve("gatehouse.yaml");
    Files.writeString(config, "server: { data_dir: ./data }\n");
    assertThat(verify(config, "--expect-head", "10:" + TENTH_HASH)).isZero();
    assertThat(verify(config, "--expect-head", "10:" + "f".repeat(64))).isEqualTo(5);
    assertThat(verify(config, "--expect-head", "ten")).isEqualTo(2);

    raw.useHandle(h -> h.execute("delete from audit_records where seq = 10"));
    StringWriter err = new StringWriter();
    assertThat(
            Main.run(
                new PrintWriter(new StringWriter()),
                new PrintWriter(err),
                "audit",
                "verify",
                "--expect-head",
                "10:" + TENTH_HASH,
                "--config",
                config.toString()))
        .isEqualTo(5);
    assertThat(err.toString())
        .contains("record 10 is not there (records deleted since that head was taken)");
  }

  @Test
  void aHeadThatAPruneRemovedOrAnEmptyChainsHeadIsNotReportedBroken() throws Exception {
    Path empty = dir.resolve("empty.yaml");
    Files.writeString(empty, "server: { data_dir: ./empty-data }\n");
    assertThat(verify(empty, "--expect-head", "0:" + AuditHash.GENESIS)).isZero();

    Path config = dir.resolve("gatehouse.yaml");
    Files.writeString(config, "server: { data_dir: ./data }\n");
    String third = audit.after(2, 1).get(0).hash();
    assertThat(
            Main.run(
                new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()),
                "audit",
                "prune",
                "--older-than",
                "1d",
                "--config",
                config.toString()))
        .isZero();
    StringWriter out = new StringWriter();
    assertThat(
            Main.run(
                new PrintWriter(out),
                new PrintWriter(new StringWriter()),
                "audit",
                "verify",
                "--expect-head",
                "3:" + third,
                "--config",
                config.toString()))
        .isZero();
    assertThat(out.toString()).contains("head 3:" + third + " was pruned");
    assertThat(verify(config, "--expect-head", "10:" + TENTH_HASH)).isZero();
    assertThat(verify(config, "--expect-head", "12:" + TENTH_HASH)).isEqualTo(5);
  }

  @Test
  void theCliNamesARecordWhoseHashWasRemovedAndPruneIsAudited() throws Exception {
    Path config = dir.resolve("gatehouse.yaml");
    Files.writeString(config, "server: { data_dir: ./data }\n");
    raw.useHandle(
        h -> h.execute("update audit_records set reason = 'x', hash = null where seq >= 8"));
    StringWriter err = new StringWriter();
    for (int run = 0; run < 2; run++) { // a second start must not fill the hash in either
      assertThat(
              Main.run(
                  new PrintWriter(new StringWriter()),
                  new PrintWriter(err),
                  "audit",
                  "verify",
                  "--config",
                  config.toString()))
          .isEqualTo(5);
    }
    assertThat(err.toString()).contains("record 8: has no hash (edited)");

    raw.useHandle(h -> h.execute("delete from audit_records where seq >= 8"));
    StringWriter out = new StringWriter();
    assertThat(
            Main.run(
                new PrintWriter(out),
                new PrintWriter(err),
                "audit",
                "prune",
                "--older-than",
                "1d",
                "--config",
                config.toString()))
        .isZero();
    assertThat(out.toString()).contains("pruned 7 records");
    assertThat(audit.latest(1).get(0).record().outcome()).isEqualTo("audit_pruned");
    assertThat(audit.verify().intact()).isTrue();
  }

  private static int verify(Path config, String... options) {
    String[] args = new String[options.length + 4];
    args[0] = "audit";
    args[1] = "verify";
    System.arraycopy(options, 0, args, 2, options.length);
    args[options.length + 2] = "--config";
    args[options.length + 3] = config.toString();
    return Main.run(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), args);
  }
}
