package dev.gatehouse.server.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.shield.AgentIdentity;
import dev.gatehouse.shield.Feature;
import dev.gatehouse.shield.Outcome;
import dev.gatehouse.shield.Pipeline;
import dev.gatehouse.shield.ToolCall;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * Runs one agent request — tool call, prompt request or resource read — through the {@link
 * Pipeline} on its own virtual thread (an approval wait or a slow upstream then costs no platform
 * thread), registered under its call key so that the agent can cancel it.
 */
public final class RequestRunner {
  private static final Logger log = LoggerFactory.getLogger(RequestRunner.class);

  private final Pipeline pipeline;
  private final Callers callers;
  private final CallRegistry calls;
  private final ObjectMapper mapper;

  public RequestRunner(
      Pipeline pipeline, Callers callers, CallRegistry calls, ObjectMapper mapper) {
    this.pipeline = pipeline;
    this.callers = callers;
    this.calls = calls;
    this.mapper = mapper;
  }

  /** One request as the SDK handed it over. */
  public record Request(
      Feature feature,
      String name,
      Map<String, ?> arguments,
      Object progressToken,
      Map<String, Object> meta) {}

  public Mono<Outcome> run(McpAsyncServerExchange exchange, Request request) {
    return Mono.create(sink -> start(exchange, request, sink));
  }

  private void start(McpAsyncServerExchange exchange, Request request, MonoSink<Outcome> sink) {
    Optional<AgentIdentity> agent = callers.of(exchange.transportContext());
    if (agent.isEmpty()) {
      sink.success(
          Outcome.Denied.of(Outcome.Kind.UNAUTHENTICATED, "the request carries no agent identity"));
      return;
    }
    String callId = UUID.randomUUID().toString();
    String callKey =
        Optional.ofNullable(request.meta())
            .map(meta -> meta.get(JsonRpcTagger.CALL_KEY))
            .map(String::valueOf)
            .orElse(callId);
    JsonNode arguments =
        mapper.valueToTree(request.arguments() == null ? Map.of() : request.arguments());
    ToolCall call =
        ToolCall.of(
            callId,
            agent.get(),
            Optional.ofNullable(exchange.sessionId()).orElse("none"),
            request.feature(),
            request.name(),
            arguments,
            new ExchangeChannel(exchange, Optional.ofNullable(request.progressToken())));
    Runnable work =
        () -> {
          MDC.put("call", callId);
          try {
            sink.success(pipeline.run(call));
          } catch (RuntimeException | Error e) {
            String incident = UUID.randomUUID().toString();
            log.error("incident {}: request {} failed", incident, callId, e);
            sink.success(
                Outcome.Denied.of(Outcome.Kind.INTERNAL, "internal error; incident " + incident));
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
}
