package dev.gatehouse.connectors.mcp;

import dev.gatehouse.shield.ClientChannel;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Mono;

/**
 * The calls under way on one upstream connection, keyed by the progress token Gatehouse gave each
 * of them, so that an upstream's progress goes back to the one agent request that caused it.
 */
final class InFlightCalls {
  private static final AtomicLong SEQUENCE = new AtomicLong();

  private final String upstream;
  private final Map<String, ClientChannel> byToken = new ConcurrentHashMap<>();

  InFlightCalls(String upstream) {
    this.upstream = upstream;
  }

  /** Registers a call and returns its upstream progress token. */
  String register(ClientChannel channel) {
    String token = "gatehouse-" + upstream + "-" + SEQUENCE.incrementAndGet();
    byToken.put(token, channel);
    return token;
  }

  void remove(String token) {
    byToken.remove(token);
  }

  Mono<Void> onProgress(McpSchema.ProgressNotification notification) {
    ClientChannel channel = byToken.get(String.valueOf(notification.progressToken()));
    if (channel != null) {
      channel.progress(notification.progress(), notification.total(), notification.message());
    }
    return Mono.empty();
  }

  /**
   * Upstream log messages carry no request id: they go to the calling agent only when exactly one
   * call is under way, so that one agent never reads another agent's logs.
   */
  Mono<Void> onLog(McpSchema.LoggingMessageNotification notification) {
    if (byToken.size() == 1) {
      byToken.values().forEach(channel -> channel.log(notification));
    }
    return Mono.empty();
  }

  /**
   * An upstream's sampling request names no call; it goes to the calling agent only when exactly
   * one call is under way, and is refused otherwise so that no agent answers for another.
   */
  Mono<McpSchema.CreateMessageResult> onSampling(McpSchema.CreateMessageRequest request) {
    return onlyCaller("sampling").flatMap(channel -> channel.createMessage(request));
  }

  /** As {@link #onSampling}, for elicitation. */
  Mono<McpSchema.ElicitResult> onElicitation(McpSchema.ElicitFormRequest request) {
    return onlyCaller("elicitation").flatMap(channel -> channel.elicit(request));
  }

  private Mono<ClientChannel> onlyCaller(String what) {
    java.util.List<ClientChannel> callers = java.util.List.copyOf(byToken.values());
    if (callers.size() != 1) {
      return Mono.error(
          new io.modelcontextprotocol.spec.McpError(
              new McpSchema.JSONRPCResponse.JSONRPCError(
                  McpSchema.ErrorCodes.INVALID_REQUEST,
                  "Gatehouse relays "
                      + what
                      + " only during exactly one call to upstream "
                      + upstream
                      + " ("
                      + callers.size()
                      + " under way)",
                  null)));
    }
    return Mono.just(callers.get(0));
  }
}
