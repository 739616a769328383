package dev.gatehouse.server.http;

import io.modelcontextprotocol.spec.McpStreamableServerSession;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * The SDK's transport as the MCP server sees it, telling {@link SessionBindings} of every session
 * the SDK creates, so that an owner is kept exactly as long as the SDK holds the session. The
 * servlet that serves the requests stays the SDK's own.
 */
final class SessionTrackingTransport implements McpStreamableServerTransportProvider {
  private final McpStreamableServerTransportProvider sdk;
  private final SessionBindings sessions;

  SessionTrackingTransport(McpStreamableServerTransportProvider sdk, SessionBindings sessions) {
    this.sdk = sdk;
    this.sessions = sessions;
  }

  @Override
  public void setSessionFactory(McpStreamableServerSession.Factory factory) {
    sdk.setSessionFactory(
        request -> {
          McpStreamableServerSession.McpStreamableServerSessionInit init =
              factory.startSession(request);
          sessions.opened(init.session().getId(), init.session());
          return init;
        });
  }

  @Override
  public Mono<Void> notifyClients(String method, Object params) {
    return sdk.notifyClients(method, params);
  }

  @Override
  public Mono<Void> notifyClient(String sessionId, String method, Object params) {
    return sdk.notifyClient(sessionId, method, params);
  }

  @Override
  public List<String> protocolVersions() {
    return sdk.protocolVersions();
  }

  @Override
  public Mono<Void> closeGracefully() {
    return sdk.closeGracefully();
  }

  @Override
  public void close() {
    sdk.close();
  }
}
