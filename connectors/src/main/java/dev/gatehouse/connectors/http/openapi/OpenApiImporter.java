package dev.gatehouse.connectors.http.openapi;

import dev.gatehouse.connectors.http.HttpTool;
import dev.gatehouse.shield.yaml.InvalidFileException;
import dev.gatehouse.shield.yaml.Location;
import dev.gatehouse.shield.yaml.Problems;
import dev.gatehouse.shield.yaml.YamlNode;
import dev.gatehouse.shield.yaml.YamlParser;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads an OpenAPI 3.0 or 3.1 document (YAML or JSON) and turns the selected operations into {@link
 * HttpTool}s: named after their operationId, described by summary and description, their input
 * schema made from the parameters and the JSON request body. Local {@code $ref}s are resolved;
 * problems are reported with the document's file, line and column.
 */
public final class OpenApiImporter {
  static final List<String> METHODS =
      List.of("get", "put", "post", "delete", "options", "head", "patch");
  private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9_-]");
  private static final int MAX_DESCRIPTION = 1000;

  /** Which operations to import; all of them when every list is empty. */
  public record Include(List<String> operations, List<String> tags, List<String> paths) {
    public static final Include ALL = new Include(List.of(), List.of(), List.of());

    public Include {
      operations = List.copyOf(operations);
      tags = List.copyOf(tags);
      paths = List.copyOf(paths);
    }

    boolean all() {
      return operations.isEmpty() && tags.isEmpty() && paths.isEmpty();
    }
  }

  /**
   * @param server the document's first server URL, if it has an absolute one
   */
  public record Imported(List<HttpTool> tools, Optional<URI> server) {}

  private final Problems problems;
  private SchemaResolver schemas;

  private OpenApiImporter(Problems problems) {
    this.problems = problems;
  }

  /**
   * @param includeAt where {@code include} stands in the config, for an operationId that is not in
   *     the document
   */
  public static Optional<Imported> load(
      Path file, Include include, Location includeAt, Problems problems) {
    Optional<YamlNode> root;
    try {
      root = YamlParser.parse(file);
    } catch (InvalidFileException e) {
      problems.addAll(e.problems());
      return Optional.empty();
    }
    if (root.isEmpty() || !(root.get() instanceof YamlNode.Mapping mapping)) {
      problems.add(new Location(file.toString(), 1, 1), "an OpenAPI document must be a mapping");
      return Optional.empty();
    }
    return new OpenApiImporter(problems).read(mapping, include, includeAt);
  }

  private Optional<Imported> read(YamlNode.Mapping root, Include include, Location includeAt) {
    Optional<YamlNode> version = root.get("openapi");
    if (version.isEmpty()
        || !(version.get() instanceof YamlNode.Scalar v)
        || !(v.value().startsWith("3.0") || v.value().startsWith("3.1"))) {
      problems.add(
          version.map(YamlNode::location).orElse(root.location()),
          "only OpenAPI 3.0 and 3.1 documents can be imported ('openapi: 3.x.y')");
      return Optional.empty();
    }
    schemas = new SchemaResolver(root, problems, v.value().startsWith("3.0"));
    List<HttpTool> tools = new ArrayList<>();
    Map<String, Location> names = new HashMap<>();
    List<String> seenOperations = new ArrayList<>();
    if (root.get("paths").orElse(null) instanceof YamlNode.Mapping paths) {
      for (YamlNode.Entry pathEntry : paths.entries()) {
        String path = pathEntry.key().value();
        Optional<YamlNode> item = schemas.deref(pathEntry.value());
        if (item.isEmpty() || !(item.get() instanceof YamlNode.Mapping pathItem)) {
          continue;
        }
        for (String method : METHODS) {
          if (!(pathItem.get(method).orElse(null) instanceof YamlNode.Mapping operation)) {
            continue;
          }
          String operationId = string(operation, "operationId").orElse(method + path);
          seenOperations.add(operationId);
          if (!selected(include, operationId, tags(operation), path)) {
            continue;
          }
          String name = toolName(operationId);
          Location at = operation.location();
          Location earlier = names.putIfAbsent(name, at);
          if (earlier != null) {
            problems.add(
                at,
                "operation '"
                    + operationId
                    + "' would be the tool '"
                    + name
                    + "', which the operation at line "
                    + earlier.line()
                    + " already is");
            continue;
          }
          new OperationReader(schemas, problems)
              .read(name, method, path, pathItem, operation, description(operation))
              .ifPresent(tools::add);
        }
      }
    }
    for (String wanted : include.operations()) {
      if (!seenOperations.contains(wanted)) {
        problems.add(includeAt, "the OpenAPI document has no operation '" + wanted + "'");
      }
    }
    return Optional.of(new Imported(tools, server(root)));
  }

  private static boolean selected(
      Include include, String operationId, Set<String> tags, String path) {
    return include.all()
        || include.operations().contains(operationId)
        || include.tags().stream().anyMatch(tags::contains)
        || include.paths().stream().anyMatch(glob -> PathGlob.matches(glob, path));
  }

  private static Set<String> tags(YamlNode.Mapping operation) {
    if (operation.get("tags").orElse(null) instanceof YamlNode.Sequence seq) {
      Set<String> out = new java.util.HashSet<>();
      seq.items().stream()
          .filter(YamlNode.Scalar.class::isInstance)
          .map(n -> ((YamlNode.Scalar) n).value())
          .forEach(out::add);
      return out;
    }
    return Set.of();
  }

  /** The operationId in the tool-name alphabet: other characters become {@code _}. */
  public static String toolName(String operationId) {
    String safe = UNSAFE.matcher(operationId).replaceAll("_");
    return safe.length() > 64 ? safe.substring(0, 64) : safe;
  }

  private static Optional<String> description(YamlNode.Mapping operation) {
    List<String> parts = new ArrayList<>();
    string(operation, "summary").ifPresent(parts::add);
    string(operation, "description").filter(d -> !parts.contains(d)).ifPresent(parts::add);
    if (parts.isEmpty()) {
      return Optional.empty();
    }
    String text = String.join("\n\n", parts).strip();
    return Optional.of(
        text.length() > MAX_DESCRIPTION ? text.substring(0, MAX_DESCRIPTION) + "..." : text);
  }

  static Optional<String> string(YamlNode.Mapping mapping, String key) {
    return mapping
        .get(key)
        .filter(n -> n instanceof YamlNode.Scalar s && !s.isNull())
        .map(n -> ((YamlNode.Scalar) n).value());
  }

  private Optional<URI> server(YamlNode.Mapping root) {
    if (!(root.get("servers").orElse(null) instanceof YamlNode.Sequence servers)
        || servers.items().isEmpty()
        || !(servers.items().get(0) instanceof YamlNode.Mapping first)) {
      return Optional.empty();
    }
    Optional<String> url = string(first, "url");
    if (url.isEmpty()) {
      return Optional.empty();
    }
    String text = url.get();
    if (first.get("variables").orElse(null) instanceof YamlNode.Mapping variables) {
      Map<String, String> defaults = new LinkedHashMap<>();
      for (YamlNode.Entry e : variables.entries()) {
        if (e.value() instanceof YamlNode.Mapping var) {
          string(var, "default").ifPresent(d -> defaults.put(e.key().value(), d));
        }
      }
      for (Map.Entry<String, String> d : defaults.entrySet()) {
        text = text.replace("{" + d.getKey() + "}", d.getValue());
      }
    }
    try {
      URI uri = new URI(text);
      return uri.isAbsolute() ? Optional.of(uri) : Optional.empty();
    } catch (java.net.URISyntaxException e) {
      return Optional.empty();
    }
  }
}
