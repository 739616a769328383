package dev.gatehouse.server.mcp;

import dev.gatehouse.shield.ClientChannel;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Sends a call's progress and log messages to the agent request that made the call, one after the
 * other in the order they were given (sent independently, they could overtake each other), and
 * forwards the upstream's sampling and elicitation requests made during the call to that agent.
 */
final class ExchangeChannel implements ClientChannel {
  private static final Logger log = LoggerFactory.getLogger(ExchangeChannel.class);

  private final McpAsyncServerExchange exchange;
  private final Optional<Object> progressToken;
  private final Sinks.Many<Mono<Void>> outbox = Sinks.many().unicast().onBackpressureBuffer();
  private double lastProgress = Double.NEGATIVE_INFINITY; // guarded by this

  ExchangeChannel(McpAsyncServerExchange exchange, Optional<Object> progressToken) {
    this.exchange = exchange;
    this.progressToken = progressToken;
    outbox
        .asFlux()
        .concatMap(
            send ->
                send.onErrorResume(
                    e -> {
                      log.debug("a notification to the agent was not delivered: {}", e.toString());
                      return Mono.empty();
                    }))
        .subscribe();
  }

  /**
   * MCP requires progress to increase with each notification. The SDK client may hand an upstream's
   * notifications over out of order; one that would go backwards is dropped, not sent.
   */
  @Override
  public synchronized void progress(double progress, Double total, String message) {
    if (progress <= lastProgress) {
      return;
    }
    lastProgress = progress;
    progressToken.ifPresent(
        token ->
            send(
                Mono.defer(
                    () ->
                        exchange.progressNotification(
                            new McpSchema.ProgressNotification(
                                token, progress, total, message, null)))));
  }

  @Override
  public void log(McpSchema.LoggingMessageNotification message) {
    send(Mono.defer(() -> exchange.loggingNotification(message)));
  }

  @Override
  public Mono<McpSchema.CreateMessageResult> createMessage(McpSchema.CreateMessageRequest request) {
    return exchange.createMessage(request);
  }

  @Override
  public Mono<McpSchema.ElicitResult> elicit(McpSchema.ElicitRequest request) {
    return exchange.createElicitation(request);
  }

  private synchronized void send(Mono<Void> notification) {
    outbox.emitNext(notification, Sinks.EmitFailureHandler.FAIL_FAST);
  }
}
