package dev.gatehouse.server.bench;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.VirtualThreadPool;

/**
 * The benchmark's reference hop: an HTTP forwarder on the same stacks as the gateway (a Jetty 12
 * servlet on virtual threads in, the JDK HTTP client out) that copies each request to the upstream
 * and streams the answer back, and does nothing else: no MCP parsing, no token check, no shield, no
 * audit. What it costs is what any gateway that is a separate HTTP hop costs at least; the rest of
 * what Gatehouse adds is its own work.
 */
final class BareHop implements AutoCloseable {
  /** The headers a Streamable HTTP exchange needs carried each way. */
  private static final List<String> REQUEST_HEADERS =
      List.of("Content-Type", "Accept", "Mcp-Session-Id", "MCP-Protocol-Version", "Last-Event-ID");

  private static final List<String> RESPONSE_HEADERS = List.of("Content-Type", "Mcp-Session-Id");

  private final Server jetty;
  private final int port;

  /** Which HTTP client forwards. */
  enum Client {
    /** The JDK's {@code java.net.http.HttpClient}, as the MCP SDK's client transport uses. */
    JDK,
    /** Jetty 12's own client. */
    JETTY
  }

  private final org.eclipse.jetty.client.HttpClient jettyClient;

  BareHop(URI upstream, Client kind) throws Exception {
    HttpServlet forwarder;
    if (kind == Client.JDK) {
      jettyClient = null;
      forwarder =
          new Forwarder(
              HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(), upstream);
    } else {
      jettyClient = new org.eclipse.jetty.client.HttpClient();
      // Each MCP client holds a listening stream open besides its calls: Jetty's default of 64
      // connections per destination would leave 64 clients' calls queued behind those streams.
      jettyClient.setMaxConnectionsPerDestination(4096);
      jettyClient.start();
      forwarder = new JettyForwarder(jettyClient, upstream);
    }
    ServletContextHandler context = new ServletContextHandler();
    ServletHolder holder = new ServletHolder(forwarder);
    holder.setAsyncSupported(true);
    context.addServlet(holder, "/mcp");
    jetty = new Server(new VirtualThreadPool());
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    jetty.addConnector(connector);
    jetty.setHandler(context);
    jetty.start();
    port = connector.getLocalPort();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + port + "/mcp");
  }

  @Override
  public void close() throws Exception {
    jetty.stop();
    if (jettyClient != null) {
      jettyClient.stop();
    }
  }

  private static final class JettyForwarder extends HttpServlet {
    private final transient org.eclipse.jetty.client.HttpClient client;
    private final URI upstream;

    JettyForwarder(org.eclipse.jetty.client.HttpClient client, URI upstream) {
      this.client = client;
      this.upstream = upstream;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      byte[] body = request.getInputStream().readAllBytes();
      org.eclipse.jetty.client.Request out =
          client.newRequest(upstream).method(request.getMethod());
      if (body.length > 0) {
        out.body(new org.eclipse.jetty.client.BytesRequestContent(request.getContentType(), body));
      }
      out.headers(
          headers -> {
            for (String name : REQUEST_HEADERS) {
              String value = request.getHeader(name);
              if (value != null && !name.equals("Content-Type")) {
                headers.put(name, value);
              }
            }
          });
      org.eclipse.jetty.client.InputStreamResponseListener listener =
          new org.eclipse.jetty.client.InputStreamResponseListener();
      out.send(listener);
      org.eclipse.jetty.client.Response answer;
      try {
        answer = listener.get(30, java.util.concurrent.TimeUnit.SECONDS);
      } catch (InterruptedException
          | java.util.concurrent.TimeoutException
          | java.util.concurrent.ExecutionException e) {
        response.sendError(HttpServletResponse.SC_BAD_GATEWAY);
        return;
      }
      response.setStatus(answer.getStatus());
      for (String name : RESPONSE_HEADERS) {
        String value = answer.getHeaders().get(name);
        if (value != null) {
          response.setHeader(name, value);
        }
      }
      copy(listener.getInputStream(), response);
    }
  }

  private static void copy(InputStream source, HttpServletResponse response) throws IOException {
    try (InputStream in = source) {
      OutputStream sink = response.getOutputStream();
      byte[] buffer = new byte[8192];
      int read;
      while ((read = in.read(buffer)) >= 0) {
        sink.write(buffer, 0, read);
        sink.flush(); // server-sent events go on as they come
      }
    }
  }

  private static final class Forwarder extends HttpServlet {
    private final transient HttpClient client;
    private final URI upstream;

    Forwarder(HttpClient client, URI upstream) {
      this.client = client;
      this.upstream = upstream;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      byte[] body = request.getInputStream().readAllBytes();
      HttpRequest.Builder out =
          HttpRequest.newBuilder(upstream)
              .method(
                  request.getMethod(),
                  body.length == 0
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofByteArray(body));
      for (String name : REQUEST_HEADERS) {
        String value = request.getHeader(name);
        if (value != null) {
          out.header(name, value);
        }
      }
      HttpResponse<InputStream> answer;
      try {
        answer = client.send(out.build(), HttpResponse.BodyHandlers.ofInputStream());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        response.sendError(HttpServletResponse.SC_BAD_GATEWAY);
        return;
      }
      response.setStatus(answer.statusCode());
      for (String name : RESPONSE_HEADERS) {
        answer.headers().firstValue(name).ifPresent(value -> response.setHeader(name, value));
      }
      copy(answer.body(), response);
    }
  }
}
