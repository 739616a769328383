package dev.gatehouse.server.config;

import static dev.gatehouse.server.config.HttpApiReader.HEADER_NAME;
import static dev.gatehouse.server.config.HttpApiReader.METHODS;
import static dev.gatehouse.server.config.HttpApiReader.RESTRICTED_HEADERS;
import static dev.gatehouse.server.config.HttpApiReader.TOOL_KEYS;
import static dev.gatehouse.server.config.HttpApiReader.TYPES;

import dev.gatehouse.connectors.ToolNames;
import dev.gatehouse.connectors.http.HttpTool;
import dev.gatehouse.connectors.http.PathTemplate;
import dev.gatehouse.connectors.http.openapi.YamlValues;
import dev.gatehouse.shield.yaml.Location;
import dev.gatehouse.shield.yaml.MappingReader;
import dev.gatehouse.shield.yaml.Problems;
import dev.gatehouse.shield.yaml.YamlNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** One entry of an {@code http-api} upstream's {@code tools:}: a {@link HttpTool}. */
final class HttpToolReader {
  private final Problems problems;
  private final String upstream;

  HttpToolReader(Problems problems, String upstream) {
    this.problems = problems;
    this.upstream = upstream;
  }

  Optional<HttpTool> read(YamlNode item) {
    Optional<MappingReader> found = MappingReader.of(item, problems, TOOL_KEYS, "a tool");
    if (found.isEmpty()) {
      return Optional.empty();
    }
    MappingReader tool = found.get();
    String what = "a tool of upstream " + upstream;
    Optional<String> name = tool.requiredString("name", what);
    Optional<String> method =
        tool.requiredString("method", what).map(m -> m.toUpperCase(Locale.ROOT));
    Optional<String> path = tool.requiredString("path", what);
    if (name.isPresent() && !ToolNames.isValid(name.get())) {
      problems.add(
          tool.locationOf("name"),
          "tool name '" + name.get() + "' must be 1-64 letters, digits, '_' or '-'");
    }
    if (method.isPresent() && !METHODS.contains(method.get())) {
      problems.add(
          tool.locationOf("method"),
          "'method' must be one of " + String.join(", ", METHODS.stream().sorted().toList()));
    }
    if (path.isPresent()
        && (!path.get().startsWith("/") || path.get().contains("?") || path.get().contains("#"))) {
      problems.add(
          tool.locationOf("path"),
          "'path' must start with '/' and hold no '?' or '#' (use 'query')");
    }
    Map<String, String> types = new LinkedHashMap<>();
    Map<String, Location> placed = new HashMap<>();
    path.ifPresent(
        p ->
            PathTemplate.parameters(p)
                .forEach(param -> place(param, "string", tool.locationOf("path"), types, placed)));
    List<String> query = arguments(tool, "query", types, placed);
    Map<String, String> headers = new LinkedHashMap<>();
    for (Map.Entry<String, YamlNode.Scalar> h : tool.stringMap("headers").entrySet()) {
      if (!HEADER_NAME.matcher(h.getKey()).matches()
          || RESTRICTED_HEADERS.contains(h.getKey().toLowerCase(Locale.ROOT))) {
        problems.add(
            h.getValue().location(), "'" + h.getKey() + "' cannot be a request header here");
      }
      headers.put(h.getKey(), h.getValue().value());
      place(h.getValue().value(), "string", h.getValue().location(), types, placed);
    }
    HttpTool.Body body = body(tool, types, placed);
    Map<String, Object> schema =
        tool.node("input_schema")
            .map(n -> inputSchema(n))
            .orElseGet(
                () -> generated(types, path.map(PathTemplate::parameters).orElse(List.of()), body));
    if (name.isEmpty() || method.isEmpty() || path.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new HttpTool(
            name.get(),
            tool.string("description"),
            method.get(),
            path.get(),
            query,
            headers,
            body,
            schema));
  }

  private Map<String, Object> inputSchema(YamlNode node) {
    if (!(node instanceof YamlNode.Mapping)) {
      problems.add(node.location(), "'input_schema' must be a mapping (a JSON Schema)");
      return Map.of("type", "object");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> schema = (Map<String, Object>) YamlValues.toJava(node);
    if (!"object".equals(schema.get("type"))) {
      problems.add(node.location(), "'input_schema' must have type: object");
    }
    return schema;
  }

  private HttpTool.Body body(
      MappingReader tool, Map<String, String> types, Map<String, Location> placed) {
    Optional<YamlNode> node = tool.node("body");
    if (node.isEmpty()) {
      return new HttpTool.Body.None();
    }
    if (node.get() instanceof YamlNode.Scalar s && s.value().equals("*")) {
      return new HttpTool.Body.Rest();
    }
    return new HttpTool.Body.Fields(arguments(tool, "body", types, placed));
  }

  /** A list of argument names, each a string or a one-entry mapping {@code {name: type}}. */
  private List<String> arguments(
      MappingReader tool, String key, Map<String, String> types, Map<String, Location> placed) {
    Optional<YamlNode> node = tool.node(key);
    if (node.isEmpty()) {
      return List.of();
    }
    if (!(node.get() instanceof YamlNode.Sequence seq)) {
      problems.add(
          node.get().location(),
          "'"
              + key
              + "' must be a list of argument names"
              + (key.equals("body") ? " or \"*\"" : ""));
      return List.of();
    }
    List<String> names = new ArrayList<>();
    for (YamlNode item : seq.items()) {
      if (item instanceof YamlNode.Scalar s && !s.isNull()) {
        place(s.value(), "string", s.location(), types, placed);
        names.add(s.value());
      } else if (item instanceof YamlNode.Mapping m
          && m.entries().size() == 1
          && m.entries().get(0).value() instanceof YamlNode.Scalar type) {
        String arg = m.entries().get(0).key().value();
        if (!TYPES.contains(type.value())) {
          problems.add(
              type.location(),
              "argument type must be one of "
                  + String.join(", ", TYPES.stream().sorted().toList()));
        }
        place(arg, type.value(), m.location(), types, placed);
        names.add(arg);
      } else {
        problems.add(item.location(), "'" + key + "' items are argument names, or {name: type}");
      }
    }
    return names;
  }

  private void place(
      String arg,
      String type,
      Location at,
      Map<String, String> types,
      Map<String, Location> placed) {
    Location earlier = placed.putIfAbsent(arg, at);
    if (earlier != null) {
      problems.add(
          at,
          "argument '"
              + arg
              + "' is already used at line "
              + earlier.line()
              + "; an argument goes to one place");
      return;
    }
    types.put(arg, type);
  }

  private static Map<String, Object> generated(
      Map<String, String> types, List<String> pathParams, HttpTool.Body body) {
    Map<String, Object> properties = new LinkedHashMap<>();
    types.forEach(
        (arg, type) -> {
          Map<String, Object> property = new LinkedHashMap<>();
          property.put("type", type);
          if (type.equals("array")) {
            property.put("items", Map.of("type", "string"));
          }
          properties.put(arg, property);
        });
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "object");
    schema.put("properties", properties);
    if (!pathParams.isEmpty()) {
      schema.put("required", pathParams);
    }
    schema.put("additionalProperties", body instanceof HttpTool.Body.Rest);
    return schema;
  }
}
