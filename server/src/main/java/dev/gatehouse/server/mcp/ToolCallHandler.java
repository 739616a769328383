package dev.gatehouse.server.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.shield.AgentIdentity;
import dev.gatehouse.shield.Outcome;
import dev.gatehouse.shield.Pipeline;
import dev.gatehouse.shield.ToolCall;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * The one handler behind every catalog tool: turns the SDK's request into a {@link ToolCall}, runs
 * the {@link Pipeline} on its own virtual thread (an approval wait or a slow upstream then costs no
 * platform thread), and renders the outcome.
 */
public final class ToolCallHandler {
  private static final Logger log = LoggerFactory.getLogger(ToolCallHandler.class);

  private final Pipeline pipeline;
  private final Callers callers;
  private final CallRegistry calls;
  private final ObjectMapper mapper;

  public ToolCallHandler(
      Pipeline pipeline, Callers callers, CallRegistry calls, ObjectMapper mapper) {
    this.pipeline = pipeline;
    this.callers = callers;
    this.calls = calls;
    this.mapper = mapper;
  }

  public Mono<McpSchema.CallToolResult> handle(
      McpAsyncServerExchange exchange, McpSchema.CallToolRequest request) {
    return Mono.create(sink -> start(exchange, request, sink));
  }

  private void start(
      McpAsyncServerExchange exchange,
      McpSchema.CallToolRequest request,
      MonoSink<McpSchema.CallToolResult> sink) {
    Optional<AgentIdentity> agent = callers.of(exchange.transportContext());
    if (agent.isEmpty()) {
      sink.success(
          OutcomeRenderer.render(
              Outcome.Denied.of(
                  Outcome.Kind.UNAUTHENTICATED, "the request carries no agent identity")));
      return;
    }
    String callId = UUID.randomUUID().toString();
    String callKey = callKey(request).orElse(callId);
    JsonNode arguments =
        mapper.valueToTree(request.arguments() == null ? Map.of() : request.arguments());
    ToolCall call =
        ToolCall.of(
            callId,
            agent.get(),
            Optional.ofNullable(exchange.sessionId()).orElse("none"),
            request.name(),
            arguments,
            new ExchangeChannel(exchange, Optional.ofNullable(request.progressToken())));
    Runnable work =
        () -> {
          MDC.put("call", callId);
          try {
            sink.success(OutcomeRenderer.render(pipeline.run(call)));
          } catch (RuntimeException | Error e) {
            String incident = UUID.randomUUID().toString();
            log.error("incident {}: tool call {} failed", incident, callId, e);
            sink.success(
                OutcomeRenderer.render(
                    Outcome.Denied.of(
                        Outcome.Kind.INTERNAL, "internal error; incident " + incident)));
          } finally {
            calls.finished(callKey);
            MDC.remove("call");
          }
        };
    Thread worker = Thread.ofVirtual().name("call-" + callId).unstarted(work);
    calls.started(callKey, worker);
    sink.onCancel(() -> calls.cancel(callKey));
    worker.start();
  }

  private static Optional<String> callKey(McpSchema.CallToolRequest request) {
    return Optional.ofNullable(request.meta())
        .map(meta -> meta.get(JsonRpcTagger.CALL_KEY))
        .map(String::valueOf);
  }
}
