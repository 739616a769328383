package dev.gatehouse.server.bench;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpAsyncServer;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.AsyncToolSpecification;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.VirtualThreadPool;
import reactor.core.publisher.Mono;

/** The benchmark's upstream: one {@code echo} tool over Streamable HTTP, on the SDK and Jetty. */
final class EchoUpstream implements AutoCloseable {
  private final Server jetty;
  private final McpAsyncServer server;
  private final int port;

  EchoUpstream(McpJsonMapper json) throws Exception {
    this(json, 0);
  }

  /**
   * @param port the port to listen on (127.0.0.1); {@code 0} picks a free one
   */
  EchoUpstream(McpJsonMapper json, int port) throws Exception {
    HttpServletStreamableServerTransportProvider provider =
        HttpServletStreamableServerTransportProvider.builder()
            .jsonMapper(json)
            .mcpEndpoint("/mcp")
            .build();
    McpSchema.Tool echo =
        McpSchema.Tool.builder()
            .name("echo")
            .description("Echoes its message.")
            .inputSchema(
                json,
                "{\"type\":\"object\",\"properties\":{\"message\":{\"type\":\"string\"}},\"required\":[\"message\"]}")
            .build();
    server =
        McpServer.async(provider)
            .jsonMapper(json)
            .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
            .tools(
                new AsyncToolSpecification(
                    echo,
                    (exchange, request) ->
                        Mono.just(
                            McpSchema.CallToolResult.builder()
                                .addTextContent(String.valueOf(request.arguments().get("message")))
                                .build())))
            .build();
    ServletContextHandler context = new ServletContextHandler();
    ServletHolder holder = new ServletHolder(provider);
    holder.setAsyncSupported(true);
    context.addServlet(holder, "/mcp");
    jetty = new Server(new VirtualThreadPool());
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost("127.0.0.1");
    connector.setPort(port);
    jetty.addConnector(connector);
    jetty.setHandler(context);
    jetty.start();
    this.port = connector.getLocalPort();
  }

  String url() {
    return "http://127.0.0.1:" + port + "/mcp";
  }

  @Override
  public void close() throws Exception {
    server.close();
    jetty.stop();
  }
}
