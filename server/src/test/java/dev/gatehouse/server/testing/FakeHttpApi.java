package dev.gatehouse.server.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * A plain HTTP API on an embedded Jetty for tests. It records every request as it arrived (raw path
 * and query, headers, body). Routes answer what a test programs; any other path echoes the request
 * back as JSON, which makes it a hostile API that repeats injected credentials.
 */
public final class FakeHttpApi implements AutoCloseable {
  /** One request as the API saw it; header names in lower case. */
  public record Received(
      String method, String rawPath, String rawQuery, Map<String, String> headers, String body) {}

  /** What a route answers. */
  public record Reply(int status, Map<String, String> headers, byte[] body) {
    public static Reply json(int status, String json) {
      return new Reply(
          status,
          Map.of("Content-Type", "application/json"),
          json.getBytes(StandardCharsets.UTF_8));
    }

    public static Reply text(int status, String text) {
      return new Reply(
          status,
          Map.of("Content-Type", "text/plain; charset=utf-8"),
          text.getBytes(StandardCharsets.UTF_8));
    }
  }

  private final ObjectMapper mapper = new ObjectMapper();
  private final Server jetty = new Server();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final Map<String, Function<Received, Reply>> routes = new ConcurrentHashMap<>();
  private int port;

  public FakeHttpApi start() throws Exception {
    return start("127.0.0.1");
  }

  public FakeHttpApi start(String host) throws Exception {
    HttpConfiguration config = new HttpConfiguration();
    config.setUriCompliance(UriCompliance.UNSAFE); // see hostile paths as they arrive
    ServerConnector connector = new ServerConnector(jetty, new HttpConnectionFactory(config));
    connector.setHost(host);
    connector.setPort(0);
    jetty.addConnector(connector);
    jetty.setHandler(
        new Handler.Abstract() {
          @Override
          public boolean handle(Request request, Response response, Callback callback)
              throws Exception {
            Map<String, String> headers = new LinkedHashMap<>();
            for (HttpField field : request.getHeaders()) {
              headers.merge(field.getLowerCaseName(), field.getValue(), (a, b) -> a + ", " + b);
            }
            Received seen =
                new Received(
                    request.getMethod(),
                    request.getHttpURI().getPath(),
                    request.getHttpURI().getQuery(),
                    headers,
                    Content.Source.asString(request, StandardCharsets.UTF_8));
            received.add(seen);
            Reply reply = routes.getOrDefault(seen.rawPath(), FakeHttpApi.this::echo).apply(seen);
            response.setStatus(reply.status());
            reply.headers().forEach((k, v) -> response.getHeaders().put(k, v));
            response.write(true, ByteBuffer.wrap(reply.body()), callback);
            return true;
          }
        });
    jetty.start();
    port = connector.getLocalPort();
    return this;
  }

  private Reply echo(Received seen) {
    try {
      return Reply.json(200, mapper.writeValueAsString(seen));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Programs the answer for one raw path (any method). */
  public FakeHttpApi route(String rawPath, Function<Received, Reply> reply) {
    routes.put(rawPath, reply);
    return this;
  }

  public int port() {
    return port;
  }

  public String url() {
    return "http://127.0.0.1:" + port;
  }

  public List<Received> received() {
    return received;
  }

  public List<Received> receivedAt(String rawPath) {
    return received.stream().filter(r -> r.rawPath().equals(rawPath)).toList();
  }

  @Override
  public void close() throws Exception {
    jetty.stop();
  }
}
