package dev.gatehouse.connectors.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.connectors.UpstreamSpec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * Turns a tool call into an HTTP request. Arguments are placed where the tool's mapping says and
 * encoded there; they are never expanded. The request can only go to the base URL's origin, under
 * its path.
 */
final class RequestFactory {
  private final ObjectMapper mapper;

  RequestFactory(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** A request, or why the call cannot be made (a message for the agent). */
  sealed interface Result {
    record Ready(OutgoingRequest request) implements Result {}

    record Refused(String reason) implements Result {}
  }

  private static final class RefusedException extends Exception {
    RefusedException(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * @param api the upstream with its secrets already injected
   */
  Result build(UpstreamSpec.HttpApi api, HttpTool tool, Map<String, Object> arguments) {
    try {
      Set<String> used = new HashSet<>();
      String path = path(api.baseUrl(), tool, arguments, used);
      List<String> query = new ArrayList<>();
      if (api.baseUrl().getRawQuery() != null && !api.baseUrl().getRawQuery().isEmpty()) {
        query.add(api.baseUrl().getRawQuery());
      }
      for (String name : tool.query()) {
        used.add(name);
        Object value = arguments.get(name);
        if (value instanceof List<?> items) {
          for (Object item : items) {
            query.add(PercentEncoding.encode(name) + "=" + PercentEncoding.encode(text(item)));
          }
        } else if (value != null) {
          query.add(PercentEncoding.encode(name) + "=" + PercentEncoding.encode(text(value)));
        }
      }
      if (api.auth() instanceof HttpAuth.Query q) {
        query.add(PercentEncoding.encode(q.name()) + "=" + PercentEncoding.encode(q.value()));
      }
      List<Map.Entry<String, String>> headers = new ArrayList<>();
      headers.add(Map.entry("Accept", "application/json, text/plain;q=0.9, */*;q=0.8"));
      for (Map.Entry<String, String> h : api.headers().entrySet()) {
        put(headers, h.getKey(), checked(h.getKey(), h.getValue(), "a configured header"));
      }
      for (Map.Entry<String, String> h : tool.headers().entrySet()) {
        used.add(h.getValue());
        Object value = arguments.get(h.getValue());
        if (value != null) {
          put(
              headers,
              h.getKey(),
              checked(h.getKey(), text(value), "argument '" + h.getValue() + "'"));
        }
      }
      auth(api.auth(), headers);
      Optional<byte[]> body = body(tool, arguments, used);
      if (body.isPresent()
          && headers.stream().noneMatch(h -> h.getKey().equalsIgnoreCase("Content-Type"))) {
        headers.add(Map.entry("Content-Type", "application/json"));
      }
      URI base = api.baseUrl();
      String target =
          base.getScheme()
              + "://"
              + base.getRawAuthority()
              + path
              + (query.isEmpty() ? "" : "?" + String.join("&", query));
      URI uri = URI.create(target);
      if (!Origins.sameOrigin(base, uri)) {
        throw new RefusedException("the request would leave the API's address");
      }
      return new Result.Ready(new OutgoingRequest(tool.method(), uri, headers, body));
    } catch (RefusedException e) {
      return new Result.Refused(e.getMessage());
    }
  }

  private String path(URI base, HttpTool tool, Map<String, Object> arguments, Set<String> used)
      throws RefusedException {
    String basePath = base.getRawPath() == null ? "" : base.getRawPath();
    if (basePath.endsWith("/")) {
      basePath = basePath.substring(0, basePath.length() - 1);
    }
    Matcher m = PathTemplate.PARAMETER.matcher(tool.path());
    StringBuilder out = new StringBuilder(basePath);
    int last = 0;
    while (m.find()) {
      out.append(tool.path(), last, m.start());
      String name = m.group(1);
      used.add(name);
      Object value = arguments.get(name);
      if (value == null) {
        throw new RefusedException("the path parameter '" + name + "' is required");
      }
      if (value instanceof Map || value instanceof List) {
        throw new RefusedException("the path parameter '" + name + "' must be a string or number");
      }
      String text = text(value);
      if (text.isEmpty() || text.equals(".") || text.equals("..")) {
        throw new RefusedException(
            "the path parameter '" + name + "' may not be empty, '.' or '..'");
      }
      out.append(PercentEncoding.encode(text));
      last = m.end();
    }
    out.append(tool.path().substring(last));
    return out.toString();
  }

  private Optional<byte[]> body(HttpTool tool, Map<String, Object> arguments, Set<String> used)
      throws RefusedException {
    Object value =
        switch (tool.body()) {
          case HttpTool.Body.None none -> null;
          case HttpTool.Body.Whole whole -> arguments.get(whole.argument());
          case HttpTool.Body.Fields fields -> {
            Map<String, Object> object = new LinkedHashMap<>();
            fields.arguments().stream()
                .filter(arguments::containsKey)
                .forEach(name -> object.put(name, arguments.get(name)));
            yield object;
          }
          case HttpTool.Body.Rest rest -> {
            Map<String, Object> object = new LinkedHashMap<>(arguments);
            used.forEach(object::remove);
            yield object;
          }
        };
    if (value == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(mapper.writeValueAsBytes(value));
    } catch (JsonProcessingException e) {
      throw new RefusedException("the request body could not be written as JSON");
    }
  }

  private static void auth(HttpAuth auth, List<Map.Entry<String, String>> headers)
      throws RefusedException {
    switch (auth) {
      case HttpAuth.Header h -> put(headers, h.name(), checked(h.name(), h.value(), "the API key"));
      case HttpAuth.Bearer b ->
          put(
              headers,
              "Authorization",
              "Bearer " + checked("Authorization", b.token(), "the token"));
      case HttpAuth.Basic b -> {
        String pair = b.user() + ":" + b.password();
        put(
            headers,
            "Authorization",
            "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
      }
      case HttpAuth.Query q -> {}
      case HttpAuth.None n -> {}
    }
  }

  private static void put(List<Map.Entry<String, String>> headers, String name, String value) {
    headers.removeIf(h -> h.getKey().equalsIgnoreCase(name));
    headers.add(Map.entry(name, value));
  }

  /** Refuses header values with line breaks or other control characters (header injection). */
  private static String checked(String name, String value, String what) throws RefusedException {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7f) {
        throw new RefusedException(
            "the header " + name + " from " + what + " contains a line break or control character");
      }
    }
    return value;
  }

  private String text(Object value) throws RefusedException {
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof Number || value instanceof Boolean) {
      return String.valueOf(value);
    }
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new RefusedException("an argument could not be written as text");
    }
  }
}
