package dev.gatehouse.connectors.http.openapi;

import dev.gatehouse.connectors.http.HttpTool;
import dev.gatehouse.shield.yaml.Problems;
import dev.gatehouse.shield.yaml.YamlNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** One OpenAPI operation as a tool: its parameters and JSON body become the input schema. */
final class OperationReader {
  private final SchemaResolver schemas;
  private final Problems problems;
  private final Map<String, Object> properties = new LinkedHashMap<>();
  private final List<String> required = new ArrayList<>();
  private final List<String> query = new ArrayList<>();
  private final Map<String, String> headers = new LinkedHashMap<>();

  OperationReader(SchemaResolver schemas, Problems problems) {
    this.schemas = schemas;
    this.problems = problems;
  }

  Optional<HttpTool> read(
      String name,
      String method,
      String path,
      YamlNode.Mapping pathItem,
      YamlNode.Mapping operation,
      Optional<String> description) {
    Map<String, YamlNode.Mapping> parameters = new LinkedHashMap<>();
    collect(pathItem, parameters);
    collect(operation, parameters);
    for (YamlNode.Mapping parameter : parameters.values()) {
      parameter(name, parameter);
    }
    Optional<HttpTool.Body> body = body(name, operation);
    if (body.isEmpty()) {
      return Optional.empty();
    }
    for (String p : dev.gatehouse.connectors.http.PathTemplate.parameters(path)) {
      if (!properties.containsKey(p)) {
        properties.put(p, Map.of("type", "string"));
      }
      if (!required.contains(p)) {
        required.add(p);
      }
    }
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "object");
    schema.put("properties", properties);
    if (!required.isEmpty()) {
      schema.put("required", required);
    }
    schema.put("additionalProperties", false);
    return Optional.of(
        new HttpTool(
            name,
            description,
            method.toUpperCase(Locale.ROOT),
            path,
            query,
            headers,
            body.get(),
            schema));
  }

  /** Parameters by {@code in} and name; an operation's replace its path item's. */
  private void collect(YamlNode.Mapping owner, Map<String, YamlNode.Mapping> into) {
    if (!(owner.get("parameters").orElse(null) instanceof YamlNode.Sequence list)) {
      return;
    }
    for (YamlNode item : list.items()) {
      Optional<YamlNode> resolved = schemas.deref(item);
      if (resolved.isPresent() && resolved.get() instanceof YamlNode.Mapping p) {
        String key =
            OpenApiImporter.string(p, "in").orElse("?")
                + ":"
                + OpenApiImporter.string(p, "name").orElse("?");
        into.put(key, p);
      }
    }
  }

  private void parameter(String tool, YamlNode.Mapping p) {
    Optional<String> name = OpenApiImporter.string(p, "name");
    Optional<String> in = OpenApiImporter.string(p, "in");
    if (name.isEmpty() || in.isEmpty()) {
      problems.add(p.location(), "a parameter needs 'name' and 'in'");
      return;
    }
    if (in.get().equals("cookie")) {
      return; // cookies are not sent; a required one makes the call fail upstream, visibly
    }
    if (properties.containsKey(name.get())) {
      problems.add(
          p.location(),
          "operation "
              + tool
              + ": two parameters are both called '"
              + name.get()
              + "'; they cannot both be tool arguments");
      return;
    }
    Map<String, Object> schema =
        p.get("schema")
            .map(schemas::schema)
            .orElseGet(() -> new LinkedHashMap<>(Map.of("type", "string")));
    OpenApiImporter.string(p, "description")
        .filter(d -> !schema.containsKey("description"))
        .ifPresent(d -> schema.put("description", d));
    properties.put(name.get(), schema);
    boolean isRequired =
        in.get().equals("path")
            || OpenApiImporter.string(p, "required").map("true"::equals).orElse(false);
    if (isRequired) {
      required.add(name.get());
    }
    switch (in.get()) {
      case "query" -> query.add(name.get());
      case "header" -> headers.put(name.get(), name.get());
      case "path" -> {}
      default ->
          problems.add(
              p.location(), "parameter '" + name.get() + "': unknown location '" + in.get() + "'");
    }
  }

  private Optional<HttpTool.Body> body(String tool, YamlNode.Mapping operation) {
    Optional<YamlNode> node = operation.get("requestBody").flatMap(schemas::deref);
    if (node.isEmpty() || !(node.get() instanceof YamlNode.Mapping requestBody)) {
      return Optional.of(new HttpTool.Body.None());
    }
    boolean bodyRequired =
        OpenApiImporter.string(requestBody, "required").map("true"::equals).orElse(false);
    Optional<YamlNode> jsonSchema = Optional.empty();
    if (requestBody.get("content").orElse(null) instanceof YamlNode.Mapping content) {
      for (YamlNode.Entry media : content.entries()) {
        String type = media.key().value().toLowerCase(Locale.ROOT);
        if ((type.equals("application/json") || type.endsWith("+json"))
            && media.value() instanceof YamlNode.Mapping m) {
          jsonSchema = m.get("schema");
          break;
        }
      }
    }
    if (jsonSchema.isEmpty()) {
      problems.add(
          requestBody.location(),
          "operation " + tool + ": only JSON request bodies (application/json) can be imported");
      return Optional.empty();
    }
    Map<String, Object> schema = schemas.schema(jsonSchema.get());
    if (schema.get("properties") instanceof Map<?, ?> fields
        && !fields.isEmpty()
        && fields.keySet().stream().noneMatch(properties::containsKey)) {
      List<String> names = new ArrayList<>();
      fields.forEach(
          (k, v) -> {
            properties.put(String.valueOf(k), v);
            names.add(String.valueOf(k));
          });
      if (bodyRequired && schema.get("required") instanceof List<?> inner) {
        inner.forEach(r -> required.add(String.valueOf(r)));
      }
      return Optional.of(new HttpTool.Body.Fields(names));
    }
    if (properties.containsKey("body")) {
      problems.add(
          requestBody.location(),
          "operation "
              + tool
              + ": a parameter is already called 'body'; the request body needs it");
      return Optional.empty();
    }
    properties.put("body", schema);
    if (bodyRequired) {
      required.add("body");
    }
    return Optional.of(new HttpTool.Body.Whole("body"));
  }
}
