package dev.gatehouse.demo;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.server.McpServerFeatures.AsyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The demo's tools. Each is small on purpose: they exist to show what a relay must carry. */
final class DemoTools {
  /** A 1x1 transparent PNG. */
  static final String PIXEL_PNG =
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

  private final McpJsonMapper json;

  DemoTools(McpJsonMapper json) {
    this.json = json;
  }

  List<AsyncToolSpecification> all() {
    return List.of(
        tool(
            "echo",
            "Echoes the given message back as text.",
            """
            {"type":"object","properties":{"message":{"type":"string","description":"what to echo"}},
             "required":["message"],"additionalProperties":false}""",
            null,
            (exchange, request) -> Mono.just(text(String.valueOf(args(request).get("message"))))),
        tool(
            "add",
            "Adds two numbers and returns the sum as structured content.",
            """
            {"type":"object","properties":{"a":{"type":"number"},"b":{"type":"number"}},
             "required":["a","b"],"additionalProperties":false}""",
            """
            {"type":"object","properties":{"sum":{"type":"number"}},"required":["sum"]}""",
            (exchange, request) -> Mono.just(sum(request))),
        tool(
            "pixel",
            "Returns a 1x1 PNG image.",
            """
            {"type":"object","properties":{}}""",
            null,
            (exchange, request) ->
                Mono.just(
                    CallToolResult.builder()
                        .addContent(new McpSchema.ImageContent(null, PIXEL_PNG, "image/png"))
                        .build())),
        tool(
            "fail",
            "Always fails with a tool error (isError: true), to show how errors are relayed.",
            """
            {"type":"object","properties":{"why":{"type":"string"}}}""",
            null,
            (exchange, request) ->
                Mono.just(
                    CallToolResult.builder()
                        .addTextContent(
                            "failed on purpose: " + args(request).getOrDefault("why", "no reason"))
                        .isError(true)
                        .build())),
        tool(
            "countdown",
            "Counts down from n (at most 20), sending a progress notification and a log message"
                + " per step, then answers.",
            """
            {"type":"object","properties":{"n":{"type":"integer","minimum":1,"maximum":20},
             "step_ms":{"type":"integer","minimum":0,"maximum":5000}},"required":["n"]}""",
            null,
            this::countdown));
  }

  private Mono<CallToolResult> countdown(McpAsyncServerExchange exchange, CallToolRequest request) {
    int n = ((Number) args(request).get("n")).intValue();
    Object step = args(request).get("step_ms");
    long stepMs = step instanceof Number number ? number.longValue() : 50;
    Object token = request.progressToken();
    return Flux.range(1, n)
        .concatMap(
            i ->
                Mono.delay(Duration.ofMillis(stepMs))
                    .then(
                        exchange.loggingNotification(
                            McpSchema.LoggingMessageNotification.builder()
                                .level(McpSchema.LoggingLevel.INFO)
                                .logger("countdown")
                                .data("step " + i + " of " + n)
                                .build()))
                    .then(
                        token == null
                            ? Mono.empty()
                            : exchange.progressNotification(
                                new McpSchema.ProgressNotification(
                                    token, (double) i, (double) n, "step " + i, null))))
        .then(Mono.fromSupplier(() -> text("liftoff after " + n + " steps")));
  }

  private static CallToolResult sum(CallToolRequest request) {
    double a = ((Number) args(request).get("a")).doubleValue();
    double b = ((Number) args(request).get("b")).doubleValue();
    double sum = a + b;
    return CallToolResult.builder()
        .addTextContent(String.valueOf(sum))
        .structuredContent(Map.of("sum", sum))
        .build();
  }

  private AsyncToolSpecification tool(
      String name,
      String description,
      String inputSchema,
      String outputSchema,
      BiFunction<McpAsyncServerExchange, CallToolRequest, Mono<CallToolResult>> handler) {
    McpSchema.Tool.Builder tool =
        McpSchema.Tool.builder().name(name).description(description).inputSchema(json, inputSchema);
    if (outputSchema != null) {
      tool.outputSchema(json, outputSchema);
    }
    return AsyncToolSpecification.builder().tool(tool.build()).callHandler(handler).build();
  }

  private static Map<String, Object> args(CallToolRequest request) {
    return request.arguments() == null ? Map.of() : request.arguments();
  }

  private static CallToolResult text(String text) {
    return CallToolResult.builder().addTextContent(text).build();
  }

  static byte[] pixel() {
    return Base64.getDecoder().decode(PIXEL_PNG);
  }
}
