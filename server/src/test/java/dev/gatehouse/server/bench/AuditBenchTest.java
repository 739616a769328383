package dev.gatehouse.server.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code gatehouse bench audit} appends to a real store and prints one row per thread count. */
class AuditBenchTest {
  @Test
  void printsOneRowPerThreadCount() {
    StringWriter out = new StringWriter();
    int code =
        new CommandLine(new AuditBenchCommand())
            .setOut(new PrintWriter(out))
            .execute("--appends", "200", "--warmup", "50", "--threads", "1,4");
    assertThat(code).isZero();
    assertThat(out.toString())
        .containsPattern("\\| 1 \\| \\d+ \\| \\d+ \\| \\d+ \\| \\d+ \\| \\d+ \\|")
        .containsPattern("\\| 4 \\| \\d+ \\| \\d+ \\| \\d+ \\| \\d+ \\| \\d+ \\|");
  }
}
