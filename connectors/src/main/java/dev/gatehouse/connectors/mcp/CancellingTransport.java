package dev.gatehouse.connectors.mcp;

import dev.gatehouse.connectors.McpMethods;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * Remembers the JSON-RPC id of every request it sends with a progress token (tool calls, prompt
 * requests, resource reads), keyed by that token, so that a request can be cancelled upstream with
 * {@code notifications/cancelled}: the SDK client sends nothing when a request is abandoned.
 */
final class CancellingTransport implements McpClientTransport {
  private final McpClientTransport delegate;
  private final Map<Object, Object> requestIdsByToken = new ConcurrentHashMap<>();

  CancellingTransport(McpClientTransport delegate) {
    this.delegate = delegate;
  }

  McpClientTransport delegate() {
    return delegate;
  }

  @Override
  public Mono<Void> sendMessage(JSONRPCMessage message) {
    if (message instanceof McpSchema.JSONRPCRequest request
        && request.params() instanceof McpSchema.Request params
        && params.progressToken() != null) {
      requestIdsByToken.put(params.progressToken(), request.id());
    }
    return delegate.sendMessage(message);
  }

  /** Tells the upstream to stop working on the call sent with {@code progressToken}. */
  void cancel(Object progressToken, String reason) {
    Object requestId = requestIdsByToken.remove(progressToken);
    if (requestId == null) {
      return;
    }
    McpSchema.JSONRPCNotification cancelled =
        new McpSchema.JSONRPCNotification(
            McpSchema.JSONRPC_VERSION,
            McpMethods.NOTIFICATION_CANCELLED,
            Map.of("requestId", requestId, "reason", reason));
    delegate.sendMessage(cancelled).onErrorComplete().subscribe();
  }

  /** Forgets a call that has finished. */
  void finished(Object progressToken) {
    requestIdsByToken.remove(progressToken);
  }

  @Override
  public Mono<Void> connect(Function<Mono<JSONRPCMessage>, Mono<JSONRPCMessage>> handler) {
    return delegate.connect(handler);
  }

  @Override
  public Mono<Void> closeGracefully() {
    return delegate.closeGracefully();
  }

  @Override
  public void close() {
    delegate.close();
  }

  @Override
  public void setExceptionHandler(Consumer<Throwable> handler) {
    delegate.setExceptionHandler(handler);
  }

  @Override
  public List<String> protocolVersions() {
    return delegate.protocolVersions();
  }

  @Override
  public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
    return delegate.unmarshalFrom(data, typeRef);
  }
}
