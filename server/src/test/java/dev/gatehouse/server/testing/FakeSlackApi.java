package dev.gatehouse.server.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A local Slack Web API the real Slack client talks to over HTTP: records every method called with
 * its form parameters and answers like Slack. {@link #goDown()} makes it answer 503 until {@link
 * #comeBack()}.
 */
public final class FakeSlackApi implements AutoCloseable {
  /** One Web API call: the method name and its parameters (blocks as their JSON text). */
  public record Call(String method, Map<String, String> params, String authorization) {
    public String param(String name) {
      return params.getOrDefault(name, "");
    }
  }

  private final ObjectMapper mapper = new ObjectMapper();
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final Map<String, List<String>> groups = new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<String, String> handles = new java.util.concurrent.ConcurrentHashMap<>();
  private final AtomicInteger messages = new AtomicInteger();
  private volatile boolean down;
  private Server jetty;
  private int port;

  public FakeSlackApi start() throws Exception {
    ServletContextHandler context = new ServletContextHandler();
    context.addServlet(new ServletHolder(new Api()), "/api/*");
    jetty = new Server();
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    jetty.addConnector(connector);
    jetty.setHandler(context);
    jetty.start();
    port = connector.getLocalPort();
    return this;
  }

  /** The prefix for {@code SlackConfig.setMethodsEndpointUrlPrefix} / {@code api_url}. */
  public String apiUrl() {
    return "http://127.0.0.1:" + port + "/api/";
  }

  public void group(String id, List<String> members) {
    groups.put(id, List.copyOf(members));
  }

  /** A user group with a handle ({@code @handle} in Slack), for {@code usergroups.list}. */
  public void group(String id, String handle, List<String> members) {
    group(id, members);
    handles.put(id, handle);
  }

  public void goDown() {
    down = true;
  }

  public void comeBack() {
    down = false;
  }

  public List<Call> calls() {
    return List.copyOf(calls);
  }

  public List<Call> calls(String method) {
    return calls.stream().filter(c -> c.method().equals(method)).toList();
  }

  /** The approval message posted for the call whose arguments contain {@code marker}. */
  public Call posted(String marker) {
    return org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(20))
        .until(
            () ->
                calls("chat.postMessage").stream()
                    .filter(c -> c.param("blocks").contains(marker))
                    .findFirst(),
            java.util.Optional::isPresent)
        .orElseThrow();
  }

  /** The id of the approval request an approval message's buttons decide. */
  public static String approvalId(Call message) throws IOException {
    for (com.fasterxml.jackson.databind.JsonNode block :
        new ObjectMapper().readTree(message.param("blocks"))) {
      if (block.path("type").asText().equals("actions")) {
        return block.path("elements").path(0).path("value").asText();
      }
    }
    throw new AssertionError("no buttons in " + message.param("blocks"));
  }

  @Override
  public void close() throws Exception {
    jetty.stop();
  }

  private final class Api extends HttpServlet {
    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      String method = request.getPathInfo().substring(1);
      if (down) {
        response.setStatus(503);
        return;
      }
      Map<String, String> params = new HashMap<>();
      if (request.getContentType() != null && request.getContentType().contains("json")) {
        mapper
            .readTree(request.getInputStream())
            .fields()
            .forEachRemaining(
                e ->
                    params.put(
                        e.getKey(),
                        e.getValue().isTextual()
                            ? e.getValue().asText()
                            : e.getValue().toString()));
      } else {
        request.getParameterMap().forEach((k, v) -> params.put(k, v[0]));
      }
      calls.add(new Call(method, params, request.getHeader("Authorization")));
      ObjectNode answer = mapper.createObjectNode().put("ok", true);
      switch (method) {
        case "chat.postMessage" ->
            answer
                .put("channel", params.getOrDefault("channel", ""))
                .put("ts", "1700000000." + String.format("%06d", messages.incrementAndGet()));
        case "chat.update" ->
            answer.put("channel", params.getOrDefault("channel", "")).put("ts", params.get("ts"));
        case "chat.postEphemeral" -> answer.put("message_ts", "1700000001.000001");
        case "usergroups.users.list" ->
            answer.set(
                "users",
                mapper.valueToTree(
                    groups.getOrDefault(params.getOrDefault("usergroup", ""), List.of())));
        case "usergroups.list" -> {
          var list = answer.putArray("usergroups");
          handles.forEach((id, handle) -> list.addObject().put("id", id).put("handle", handle));
        }
        default -> {}
      }
      response.setContentType("application/json");
      response
          .getOutputStream()
          .write(mapper.writeValueAsString(answer).getBytes(StandardCharsets.UTF_8));
    }
  }
}
