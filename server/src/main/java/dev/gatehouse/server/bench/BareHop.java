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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.VirtualThreadPool;

/**
 * The benchmark's reference hop: an HTTP forwarder on the same stacks as the gateway (a Jetty 12
 * servlet on virtual threads in; out through the JDK HTTP client, as the MCP SDK's client transport
 * uses, or Jetty's own) that copies each request to the upstream and streams the answer back, and
 * does nothing else: no MCP parsing, no token check, no shield, no audit. What it costs is what any
 * gateway that is a separate HTTP hop costs at least; the rest of what Gatehouse adds is its own
 * work.
 */
final class BareHop implements AutoCloseable {
  /** The headers a Streamable HTTP exchange needs carried each way. */
  private static final List<String> REQUEST_HEADERS =
      List.of("Content-Type", "Accept", "Mcp-Session-Id", "MCP-Protocol-Version", "Last-Event-ID");

  private static final List<String> RESPONSE_HEADERS = List.of("Content-Type", "Mcp-Session-Id");

  /** Which HTTP client forwards. */
  enum Client {
    /** The JDK's {@code java.net.http.HttpClient}, as the MCP SDK's client transport uses. */
    JDK,
    /** Jetty 12's own client. */
    JETTY
  }

  /** The upstream's answer: status, the response headers carried back, and the streamed body. */
  private record Reply(int status, Map<String, String> headers, InputStream body) {}

  /** One request to the upstream by one of the clients. */
  @FunctionalInterface
  private interface Exchange {
    Reply send(String method, byte[] body, Map<String, String> headers) throws Exception;
  }

  private final Server jetty;
  private final int port;
  private final AutoCloseable client;

  BareHop(URI upstream, Client kind) throws Exception {
    Exchange exchange;
    if (kind == Client.JDK) {
      HttpClient jdk = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      client = jdk::shutdownNow; // close() would wait for the listening streams still open
      exchange = (method, body, headers) -> viaJdk(jdk, upstream, method, body, headers);
    } else {
      org.eclipse.jetty.client.HttpClient jettyClient = new org.eclipse.jetty.client.HttpClient();
      // Each MCP client holds a listening stream open besides its calls: Jetty's default of 64
      // connections per destination would leave 64 clients' calls queued behind those streams.
      jettyClient.setMaxConnectionsPerDestination(4096);
      jettyClient.start();
      client = jettyClient::stop;
      exchange = (method, body, headers) -> viaJetty(jettyClient, upstream, method, body, headers);
    }
    ServletContextHandler context = new ServletContextHandler();
    ServletHolder holder = new ServletHolder(new Forwarder(exchange));
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
    client.close();
  }

  private static Reply viaJdk(
      HttpClient client, URI upstream, String method, byte[] body, Map<String, String> headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder out =
        HttpRequest.newBuilder(upstream)
            .method(
                method,
                body.length == 0
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(out::header);
    HttpResponse<InputStream> answer =
        client.send(out.build(), HttpResponse.BodyHandlers.ofInputStream());
    return new Reply(
        answer.statusCode(),
        carried(name -> answer.headers().firstValue(name).orElse(null)),
        answer.body());
  }

  private static Reply viaJetty(
      org.eclipse.jetty.client.HttpClient client,
      URI upstream,
      String method,
      byte[] body,
      Map<String, String> headers)
      throws Exception {
    org.eclipse.jetty.client.Request out = client.newRequest(upstream).method(method);
    Map<String, String> others = new LinkedHashMap<>(headers);
    String type = others.remove("Content-Type"); // Jetty takes it with the body
    if (body.length > 0) {
      out.body(new BytesRequestContent(type, body));
    }
    out.headers(fields -> others.forEach(fields::put));
    InputStreamResponseListener listener = new InputStreamResponseListener();
    out.send(listener);
    try {
      org.eclipse.jetty.client.Response answer = listener.get(30, TimeUnit.SECONDS);
      return new Reply(
          answer.getStatus(), carried(answer.getHeaders()::get), listener.getInputStream());
    } catch (Exception e) {
      out.abort(e);
      throw e;
    }
  }

  /** The response headers carried back, as {@code header} gives them (null when absent). */
  private static Map<String, String> carried(Function<String, String> header) {
    Map<String, String> carried = new LinkedHashMap<>();
    for (String name : RESPONSE_HEADERS) {
      String value = header.apply(name);
      if (value != null) {
        carried.put(name, value);
      }
    }
    return carried;
  }

  /**
   * The one servlet: request in, the same request out by the exchange, the answer streamed back.
   */
  private static final class Forwarder extends HttpServlet {
    private final transient Exchange exchange;

    Forwarder(Exchange exchange) {
      this.exchange = exchange;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      byte[] body = request.getInputStream().readAllBytes();
      Map<String, String> headers = new LinkedHashMap<>();
      for (String name : REQUEST_HEADERS) {
        String value = request.getHeader(name);
        if (value != null) {
          headers.put(name, value);
        }
      }
      Reply reply;
      try {
        reply = exchange.send(request.getMethod(), body, headers);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        response.sendError(HttpServletResponse.SC_BAD_GATEWAY);
        return;
      } catch (Exception e) {
        response.sendError(HttpServletResponse.SC_BAD_GATEWAY);
        return;
      }
      response.setStatus(reply.status());
      reply.headers().forEach(response::setHeader);
      try (InputStream in = reply.body()) {
        OutputStream sink = response.getOutputStream();
        byte[] buffer = new byte[8192];
        int read;
        while ((read = in.read(buffer)) >= 0) {
          sink.write(buffer, 0, read);
          sink.flush(); // server-sent events go on as they come
        }
      }
    }
  }
}
