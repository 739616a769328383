package dev.gatehouse.server.http;

import dev.gatehouse.server.Gateway;
import dev.gatehouse.server.config.ServerSettings;
import dev.gatehouse.server.mcp.Callers;
import dev.gatehouse.server.mcp.CatalogRegistration;
import dev.gatehouse.server.mcp.JsonRpcTagger;
import dev.gatehouse.server.mcp.McpServerFactory;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpAsyncServer;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.VirtualThreadPool;

/**
 * The gateway over Streamable HTTP at {@code /mcp} (stateful sessions), with {@code /healthz}, on
 * Jetty 12 with virtual threads: a request that waits (approval, slow upstream) holds no platform
 * thread.
 */
public final class HttpFrontDoor implements AutoCloseable {
  public static final String MCP_PATH = "/mcp";
  static final int MAX_REQUEST_BYTES = 16 * 1024 * 1024;

  private final Gateway gateway;
  private final ServerSettings settings;
  private Server jetty;
  private McpAsyncServer mcp;
  private CatalogRegistration registration;

  public HttpFrontDoor(Gateway gateway) {
    this.gateway = gateway;
    this.settings = gateway.config().server();
  }

  /** Starts listening; returns the bound port (useful with port 0). */
  public int start() throws Exception {
    HttpServletStreamableServerTransportProvider provider =
        HttpServletStreamableServerTransportProvider.builder()
            .jsonMapper(gateway.json())
            .mcpEndpoint(MCP_PATH)
            .contextExtractor(HttpFrontDoor::transportContext)
            .sessionSweepInterval(settings.sessionIdleTimeout())
            .maxRequestSize(MAX_REQUEST_BYTES)
            .build();
    SessionBindings sessions = new SessionBindings(gateway.answers()::sessionEnded);
    McpServerFactory.Served served =
        new McpServerFactory(gateway, Callers.fromTransportContext())
            .build(McpServer.async(new SessionTrackingTransport(provider, sessions)));
    mcp = served.server();
    registration = served.registration();

    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    context.setErrorHandler(new GenericErrorHandler());
    addFilter(
        context, new HostOriginFilter(settings.allowedHosts(), settings.allowedOrigins()), "/*");
    addFilter(context, new BearerAuthFilter(gateway.verifier(), sessions), MCP_PATH);
    addFilter(
        context,
        new JsonRpcFilter(
            new JsonRpcTagger(gateway.mapper(), gateway.answers()),
            gateway.calls(),
            sessions,
            MAX_REQUEST_BYTES),
        MCP_PATH);
    addFilter(context, new CleanErrorFilter(), MCP_PATH); // last: it cleans only the SDK's errors
    ServletHolder mcpServlet = new ServletHolder(provider);
    mcpServlet.setAsyncSupported(true);
    context.addServlet(mcpServlet, MCP_PATH);
    context.addServlet(new ServletHolder(new HealthServlet(this::status)), "/healthz");
    context.addServlet(
        new ServletHolder(new ReadyServlet(gateway.database()::isHealthy)), "/readyz");
    context.addServlet(new ServletHolder(new MetricsServlet(gateway.metrics())), "/metrics");
    AdminToken admins = new AdminToken(gateway.verifier(), gateway.mapper());
    context.addServlet(
        new ServletHolder(
            new AdminApprovalsServlet(admins, gateway.approvals().queue(), gateway.mapper())),
        AdminApprovalsServlet.PATH + "/*");
    context.addServlet(
        new ServletHolder(
            new AdminKillSwitchServlet(admins, gateway.killSwitch(), gateway.mapper())),
        AdminKillSwitchServlet.PATH);
    gateway
        .approvals()
        .slackInteractions()
        .ifPresent(
            slack ->
                context.addServlet(
                    new ServletHolder(new SlackInteractionServlet(slack)),
                    SlackInteractionServlet.PATH));

    VirtualThreadPool threads = new VirtualThreadPool();
    threads.setName("gatehouse-http");
    jetty = new Server(threads);
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost(settings.host());
    connector.setPort(settings.port());
    jetty.addConnector(connector);
    jetty.setHandler(context);
    jetty.setStopTimeout(5_000);
    jetty.start();
    return connector.getLocalPort();
  }

  /** Whether agents can call {@code tool} through this front door now. */
  public boolean serves(String tool) {
    return registration != null && registration.isRegistered(tool);
  }

  public dev.gatehouse.server.GatewayStatus status() {
    return gateway.status(registration == null ? List.of() : registration.problems());
  }

  private static void addFilter(ServletContextHandler context, Filter filter, String path) {
    FilterHolder holder = new FilterHolder(filter);
    holder.setAsyncSupported(true);
    context.addFilter(holder, path, EnumSet.of(DispatcherType.REQUEST));
  }

  private static McpTransportContext transportContext(
      jakarta.servlet.http.HttpServletRequest request) {
    Object agent = request.getAttribute(BearerAuthFilter.AGENT_ATTRIBUTE);
    return agent == null
        ? McpTransportContext.EMPTY
        : McpTransportContext.create(Map.of(Callers.AGENT_KEY, agent));
  }

  @Override
  public void close() throws Exception {
    if (mcp != null) {
      mcp.close();
    }
    if (jetty != null) {
      jetty.stop();
    }
  }
}
