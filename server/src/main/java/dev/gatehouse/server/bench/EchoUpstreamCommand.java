package dev.gatehouse.server.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;

/**
 * {@code gatehouse bench upstream}: the benchmark's echo upstream on its own, serving until the
 * process is stopped, so that gateways running as their own processes (a cluster) can front it
 * while {@code gatehouse bench --against} measures them.
 */
@CommandLine.Command(
    name = "upstream",
    description =
        "Serve the benchmark's echo MCP server (Streamable HTTP on 127.0.0.1) until stopped.")
final class EchoUpstreamCommand implements Callable<Integer> {
  @CommandLine.Option(
      names = "--port",
      defaultValue = "0",
      description = "port on 127.0.0.1 (default: a free one)")
  int port;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    try (EchoUpstream upstream =
        new EchoUpstream(new JacksonMcpJsonMapper(new ObjectMapper()), port)) {
      PrintWriter out = spec.commandLine().getOut();
      out.printf("bench upstream (tool: echo) at %s%n", upstream.url());
      out.flush();
      new CountDownLatch(1).await(); // until the process is stopped
    }
    return 0;
  }
}
