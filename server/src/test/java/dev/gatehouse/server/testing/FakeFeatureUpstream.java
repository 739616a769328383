package dev.gatehouse.server.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpAsyncServer;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import reactor.core.publisher.Mono;

/**
 * A real MCP server (SDK, Streamable HTTP on Jetty, in the test's process) with everything but
 * tools' plain content: prompts with arguments and completions, a text and a binary resource, a
 * template, a subscribable resource that changes on demand, and tools that ask the client for
 * sampling and elicitation mid-call.
 */
public final class FakeFeatureUpstream implements AutoCloseable {
  public static final String TEXT_URI = "fake://docs/readme";
  public static final String BLOB_URI = "fake://docs/logo";
  public static final String SECRET_URI = "fake://private/payroll";
  public static final String WATCHED_URI = "fake://watched/counter";
  public static final String TEMPLATE = "fake://items/{id}";

  /**
   * What the template's completion answers (or, asked to complete "fail", puts in its error): a
   * value a test stores in the vault, as if the upstream echoed an injected credential.
   */
  public static final String LEAKED = "tok-" + "Qw3Er5Ty7Ui9Op1";

  private final McpJsonMapper json = new JacksonMcpJsonMapper(new ObjectMapper());
  private Server jetty;
  private McpAsyncServer server;
  private int port;
  private volatile int counter;

  public FakeFeatureUpstream start() throws Exception {
    HttpServletStreamableServerTransportProvider provider =
        HttpServletStreamableServerTransportProvider.builder()
            .jsonMapper(json)
            .mcpEndpoint("/mcp")
            .build();
    server =
        McpServer.async(provider)
            .jsonMapper(json)
            .serverInfo("fake-features", "1.0")
            .capabilities(
                McpSchema.ServerCapabilities.builder()
                    .tools(true)
                    .prompts(true)
                    .resources(true, true)
                    .completions()
                    .logging()
                    .build())
            .prompts(
                new McpServerFeatures.AsyncPromptSpecification(
                    new McpSchema.Prompt(
                        "greeting",
                        "Greets someone",
                        List.of(new McpSchema.PromptArgument("name", "who", true))),
                    (exchange, request) ->
                        Mono.just(
                            new McpSchema.GetPromptResult(
                                "a greeting",
                                List.of(
                                    new McpSchema.PromptMessage(
                                        McpSchema.Role.USER,
                                        new McpSchema.TextContent(
                                            "Say hello to " + request.arguments().get("name"))))))),
                new McpServerFeatures.AsyncPromptSpecification(
                    new McpSchema.Prompt("internal_review", "Internal only", List.of()),
                    (exchange, request) ->
                        Mono.just(
                            new McpSchema.GetPromptResult(
                                "internal",
                                List.of(
                                    new McpSchema.PromptMessage(
                                        McpSchema.Role.USER,
                                        new McpSchema.TextContent("internal text")))))))
            .resources(
                resource(TEXT_URI, "readme", "text/plain", "Read me: mail ops@corp.example"),
                new McpServerFeatures.AsyncResourceSpecification(
                    McpSchema.Resource.builder()
                        .uri(BLOB_URI)
                        .name("logo")
                        .mimeType("image/png")
                        .build(),
                    (exchange, request) ->
                        Mono.just(
                            new McpSchema.ReadResourceResult(
                                List.of(
                                    new McpSchema.BlobResourceContents(
                                        BLOB_URI, "image/png", FakeHttpUpstream.PIXEL))))),
                resource(SECRET_URI, "payroll", "text/plain", "salaries"),
                new McpServerFeatures.AsyncResourceSpecification(
                    McpSchema.Resource.builder()
                        .uri(WATCHED_URI)
                        .name("counter")
                        .mimeType("text/plain")
                        .build(),
                    (exchange, request) ->
                        Mono.just(
                            new McpSchema.ReadResourceResult(
                                List.of(
                                    new McpSchema.TextResourceContents(
                                        WATCHED_URI, "text/plain", "count " + counter))))))
            .resourceTemplates(
                new McpServerFeatures.AsyncResourceTemplateSpecification(
                    McpSchema.ResourceTemplate.builder()
                        .uriTemplate(TEMPLATE)
                        .name("item")
                        .mimeType("text/plain")
                        .build(),
                    (exchange, request) ->
                        Mono.just(
                            new McpSchema.ReadResourceResult(
                                List.of(
                                    new McpSchema.TextResourceContents(
                                        request.uri(),
                                        "text/plain",
                                        "item at " + request.uri()))))))
            .completions(
                new McpServerFeatures.AsyncCompletionSpecification(
                    new McpSchema.PromptReference("greeting"),
                    (exchange, request) ->
                        Mono.just(
                            new McpSchema.CompleteResult(
                                new McpSchema.CompleteResult.CompleteCompletion(
                                    List.of("Alice", "Alfred").stream()
                                        .filter(n -> n.startsWith(request.argument().value()))
                                        .toList(),
                                    2,
                                    false)))),
                new McpServerFeatures.AsyncCompletionSpecification(
                    new McpSchema.ResourceReference(TEMPLATE),
                    (exchange, request) ->
                        "fail".equals(request.argument().value())
                            ? Mono.error(
                                new io.modelcontextprotocol.spec.McpError(
                                    new McpSchema.JSONRPCResponse.JSONRPCError(
                                        McpSchema.ErrorCodes.INVALID_PARAMS,
                                        "no items for key " + LEAKED,
                                        null)))
                            : Mono.just(
                                new McpSchema.CompleteResult(
                                    new McpSchema.CompleteResult.CompleteCompletion(
                                        List.of("42", LEAKED), 2, false)))))
            .tools(
                tool(
                    "ask_model",
                    (exchange, request) ->
                        exchange
                            .createMessage(
                                McpSchema.CreateMessageRequest.builder()
                                    .messages(
                                        List.of(
                                            new McpSchema.SamplingMessage(
                                                McpSchema.Role.USER,
                                                new McpSchema.TextContent("What is 2+2?"))))
                                    .maxTokens(10)
                                    .build())
                            .map(
                                result ->
                                    McpSchema.CallToolResult.builder()
                                        .addTextContent(
                                            "model said: "
                                                + ((McpSchema.TextContent) result.content()).text())
                                        .build())),
                tool(
                    "ask_user",
                    (exchange, request) ->
                        exchange
                            .createElicitation(
                                McpSchema.ElicitRequest.builder()
                                    .message("Your name?")
                                    .requestedSchema(
                                        Map.of(
                                            "type",
                                            "object",
                                            "properties",
                                            Map.of("name", Map.of("type", "string"))))
                                    .build())
                            .map(
                                result ->
                                    McpSchema.CallToolResult.builder()
                                        .addTextContent(
                                            "user said: "
                                                + result.action()
                                                + " "
                                                + result.content())
                                        .build())))
            .build();
    ServletContextHandler context = new ServletContextHandler();
    ServletHolder holder = new ServletHolder(provider);
    holder.setAsyncSupported(true);
    context.addServlet(holder, "/mcp");
    jetty = new Server();
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    jetty.addConnector(connector);
    jetty.setHandler(context);
    jetty.start();
    port = connector.getLocalPort();
    return this;
  }

  public String url() {
    return "http://127.0.0.1:" + port + "/mcp";
  }

  /** Changes the watched resource and tells subscribers. */
  public void bumpCounter() {
    counter++;
    server.notifyResourcesUpdated(new McpSchema.ResourcesUpdatedNotification(WATCHED_URI)).block();
  }

  private static McpServerFeatures.AsyncResourceSpecification resource(
      String uri, String name, String mimeType, String text) {
    return new McpServerFeatures.AsyncResourceSpecification(
        McpSchema.Resource.builder().uri(uri).name(name).mimeType(mimeType).build(),
        (exchange, request) ->
            Mono.just(
                new McpSchema.ReadResourceResult(
                    List.of(new McpSchema.TextResourceContents(uri, mimeType, text)))));
  }

  private static McpServerFeatures.AsyncToolSpecification tool(
      String name,
      java.util.function.BiFunction<
              io.modelcontextprotocol.server.McpAsyncServerExchange,
              McpSchema.CallToolRequest,
              Mono<McpSchema.CallToolResult>>
          handler) {
    return McpServerFeatures.AsyncToolSpecification.builder()
        .tool(
            McpSchema.Tool.builder()
                .name(name)
                .description(name)
                .inputSchema(Map.of("type", "object"))
                .build())
        .callHandler(handler)
        .build();
  }

  @Override
  public void close() throws Exception {
    if (server != null) {
      server.close();
    }
    if (jetty != null) {
      jetty.stop();
    }
  }
}
