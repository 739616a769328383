package dev.gatehouse.server.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code gatehouse bench --against}: measures endpoints that are already running against the echo
 * upstream, and refuses to start without what it needs.
 */
class BenchAgainstTest {
  @Test
  void measuresEachRunningEndpointAgainstTheUpstream() throws Exception {
    try (EchoUpstream upstream = new EchoUpstream(new JacksonMcpJsonMapper(new ObjectMapper()))) {
      StringWriter out = new StringWriter();
      // The echo upstream stands in for a running gateway: it ignores the token, so any set
      // environment variable will do as --token-env.
      int code =
          command(out)
              .execute(
                  "--upstream", upstream.url(),
                  "--against", "again=" + upstream.url(),
                  "--tool", "echo",
                  "--token-env", "PATH",
                  "--calls", "50",
                  "--rounds", "1",
                  "--warmup", "20",
                  "--concurrency", "2");
      assertThat(code).isZero();
      assertThat(out.toString())
          .contains("| 2 | direct |")
          .contains("| 2 | through again |")
          .contains("| 2 | added by again |")
          .contains("% of direct |");
    }
  }

  @Test
  void refusesAgainstWithoutAnUpstreamOrAToken() {
    StringWriter err = new StringWriter();
    CommandLine line = command(new StringWriter()).setErr(new PrintWriter(err));
    assertThat(line.execute("--against", "x=http://127.0.0.1:1/mcp")).isEqualTo(2);
    assertThat(err.toString()).contains("--against needs --upstream");
    assertThat(
            line.execute(
                "--against",
                "x=http://127.0.0.1:1/mcp",
                "--upstream",
                "http://127.0.0.1:1/mcp",
                "--token-env",
                "GATEHOUSE_BENCH_TEST_UNSET"))
        .isEqualTo(2);
    assertThat(err.toString())
        .contains("needs an agent token in the environment variable GATEHOUSE_BENCH_TEST_UNSET");
  }

  private static CommandLine command(StringWriter out) {
    return new CommandLine(new BenchCommand()).setOut(new PrintWriter(out));
  }
}
