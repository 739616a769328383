package dev.gatehouse.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpAsyncServer;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.concurrent.CountDownLatch;

/** Runs the demo MCP server on stdin/stdout until stdin closes, then exits. */
public final class DemoUpstream {
  private DemoUpstream() {}

  public static void main(String[] args) throws InterruptedException {
    JacksonMcpJsonMapper json = new JacksonMcpJsonMapper(new ObjectMapper());
    CountDownLatch closed = new CountDownLatch(1);
    StdioServerTransportProvider transport =
        new StdioServerTransportProvider(
            json, new EndOfInputSignal(System.in, closed::countDown), System.out);
    McpAsyncServer server =
        McpServer.async(transport)
            .jsonMapper(json)
            .serverInfo("gatehouse-demo", "0.1.0")
            .capabilities(McpSchema.ServerCapabilities.builder().tools(true).logging().build())
            .tools(new DemoTools(json).all())
            .build();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> server.close()));
    closed.await();
    server.close();
  }
}
