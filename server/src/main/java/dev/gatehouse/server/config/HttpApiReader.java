package dev.gatehouse.server.config;

import dev.gatehouse.connectors.ToolNames;
import dev.gatehouse.connectors.UpstreamSpec;
import dev.gatehouse.connectors.http.BreakerSettings;
import dev.gatehouse.connectors.http.HttpAuth;
import dev.gatehouse.connectors.http.HttpTool;
import dev.gatehouse.connectors.http.openapi.OpenApiImporter;
import dev.gatehouse.shield.yaml.Location;
import dev.gatehouse.shield.yaml.MappingReader;
import dev.gatehouse.shield.yaml.Problems;
import dev.gatehouse.shield.yaml.YamlNode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/** Reads an {@code http-api} or {@code openapi} upstream from {@code gatehouse.yaml}. */
final class HttpApiReader {
  static final Set<String> SHARED =
      Set.of("base_url", "auth", "headers", "max_response_bytes", "retries", "breaker");
  static final Set<String> HTTP_API = Set.of("tools");
  static final Set<String> OPENAPI = Set.of("spec", "include");
  static final Set<String> TOOL_KEYS =
      Set.of("name", "description", "method", "path", "query", "headers", "body", "input_schema");
  static final Set<String> AUTH_KEYS = Set.of("header", "bearer", "basic", "query", "value");
  static final Set<String> METHODS =
      Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");
  static final Set<String> TYPES =
      Set.of("string", "integer", "number", "boolean", "array", "object");

  /** Headers the JDK's client sets itself and refuses from callers. */
  static final Set<String> RESTRICTED_HEADERS =
      Set.of("connection", "content-length", "expect", "host", "upgrade");

  static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  private final Path base;
  private final Problems problems;
  private final BiConsumer<String, YamlNode.Scalar> secrets;

  /**
   * @param secrets told of every value that may hold {@code ${secret:NAME}}, with the upstream
   */
  HttpApiReader(Path base, Problems problems, BiConsumer<String, YamlNode.Scalar> secrets) {
    this.base = base;
    this.problems = problems;
    this.secrets = secrets;
  }

  static Set<String> keys(Set<String> common, boolean openapi) {
    Set<String> all = new java.util.HashSet<>(common);
    all.addAll(SHARED);
    all.addAll(openapi ? OPENAPI : HTTP_API);
    return Set.copyOf(all);
  }

  Optional<UpstreamSpec> read(
      String name,
      boolean openapi,
      MappingReader reader,
      Optional<String> prefix,
      Optional<Duration> writtenTimeout) {
    Duration timeout = writtenTimeout.orElse(DEFAULT_TIMEOUT);
    HttpAuth auth = reader.node("auth").map(n -> auth(name, n)).orElse(new HttpAuth.None());
    Map<String, String> headers = headers(name, reader.stringMap("headers"));
    long maxBytes =
        reader
            .integer("max_response_bytes", 1024, 256 * 1024 * 1024)
            .map(Integer::longValue)
            .orElse(UpstreamSpec.HttpApi.DEFAULT_MAX_RESPONSE_BYTES);
    int retries = reader.integer("retries", 0, 10).orElse(UpstreamSpec.HttpApi.DEFAULT_RETRIES);
    BreakerSettings breaker =
        reader.node("breaker").map(this::breaker).orElse(BreakerSettings.DEFAULT);
    Optional<URI> baseUrl =
        reader.string("base_url").flatMap(u -> url(u, reader.locationOf("base_url"), name));
    List<HttpTool> tools;
    Optional<Path> spec = Optional.empty();
    if (openapi) {
      Optional<String> file = reader.requiredString("spec", "upstream " + name);
      if (file.isEmpty()) {
        return Optional.empty();
      }
      Path path = base.resolve(file.get()).normalize();
      if (!Files.isRegularFile(path)) {
        problems.add(
            reader.locationOf("spec"),
            "upstream " + name + ": no OpenAPI document at " + file.get());
        return Optional.empty();
      }
      spec = Optional.of(path);
      Optional<OpenApiImporter.Imported> imported =
          OpenApiImporter.load(path, include(reader), reader.locationOf("include"), problems);
      if (imported.isEmpty()) {
        return Optional.empty();
      }
      tools = imported.get().tools();
      if (baseUrl.isEmpty() && !reader.has("base_url")) {
        baseUrl =
            imported
                .get()
                .server()
                .flatMap(u -> url(u.toString(), reader.locationOf("spec"), name));
        if (baseUrl.isEmpty()) {
          problems.add(
              reader.location(),
              "upstream "
                  + name
                  + ": the OpenAPI document names no absolute server URL; set 'base_url'");
        }
      }
      if (tools.isEmpty()) {
        problems.add(
            reader.locationOf("include"), "upstream " + name + ": no operation was selected");
      }
    } else {
      if (!reader.has("base_url")) {
        problems.add(reader.location(), "upstream " + name + " needs 'base_url'");
      }
      tools = tools(name, reader);
    }
    for (HttpTool tool : tools) {
      if (ToolNames.isValid(tool.name())
          && !ToolNames.isValid(ToolNames.exposed(prefix, tool.name()))) {
        problems.add(
            reader.location(),
            "upstream "
                + name
                + ": tool '"
                + tool.name()
                + "' would be named '"
                + ToolNames.exposed(prefix, tool.name())
                + "', longer than 64 characters of letters, digits, '_' and '-'");
      }
    }
    if (baseUrl.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new UpstreamSpec.HttpApi(
            name,
            prefix,
            timeout,
            baseUrl.get(),
            auth,
            headers,
            maxBytes,
            retries,
            breaker,
            tools,
            spec));
  }

  private OpenApiImporter.Include include(MappingReader reader) {
    return reader
        .node("include")
        .flatMap(
            n -> MappingReader.of(n, problems, Set.of("operations", "tags", "paths"), "'include'"))
        .map(
            i ->
                new OpenApiImporter.Include(
                    i.strings("operations"), i.strings("tags"), i.strings("paths")))
        .orElse(OpenApiImporter.Include.ALL);
  }

  private Map<String, String> headers(String upstream, Map<String, YamlNode.Scalar> values) {
    Map<String, String> out = new LinkedHashMap<>();
    values.forEach(
        (key, scalar) -> {
          headerName(key, scalar.location());
          if (scalar.value().chars().anyMatch(c -> (c < 0x20 && c != '\t') || c == 0x7f)) {
            problems.add(scalar.location(), "the header " + key + " holds a line break");
          }
          secrets.accept(upstream, scalar);
          out.put(key, scalar.value());
        });
    return out;
  }

  private void headerName(String header, Location location) {
    if (!HEADER_NAME.matcher(header).matches()) {
      problems.add(location, "'" + header + "' is not a valid HTTP header name");
    } else if (RESTRICTED_HEADERS.contains(header.toLowerCase(Locale.ROOT))) {
      problems.add(
          location, "the header " + header + " is set by the HTTP client and cannot be configured");
    }
  }

  private HttpAuth auth(String upstream, YamlNode node) {
    Optional<MappingReader> found = MappingReader.of(node, problems, AUTH_KEYS, "'auth'");
    if (found.isEmpty()) {
      return new HttpAuth.None();
    }
    MappingReader auth = found.get();
    List<String> kinds =
        List.of("header", "bearer", "basic", "query").stream().filter(auth::has).toList();
    if (kinds.size() != 1) {
      problems.add(auth.location(), "'auth' takes exactly one of header, bearer, basic or query");
      return new HttpAuth.None();
    }
    String kind = kinds.get(0);
    if ((kind.equals("header") || kind.equals("query")) != auth.has("value")) {
      problems.add(
          auth.location(),
          kind.equals("header") || kind.equals("query")
              ? "'auth: { " + kind + ": NAME }' needs 'value'"
              : "'value' belongs to 'auth' with header or query");
      return new HttpAuth.None();
    }
    return switch (kind) {
      case "bearer" -> new HttpAuth.Bearer(secretValue(upstream, auth, "bearer"));
      case "header" -> {
        String header = auth.string("header").orElse("");
        headerName(header, auth.locationOf("header"));
        yield new HttpAuth.Header(header, secretValue(upstream, auth, "value"));
      }
      case "query" ->
          new HttpAuth.Query(auth.string("query").orElse(""), secretValue(upstream, auth, "value"));
      default -> {
        Optional<MappingReader> basic =
            MappingReader.of(
                auth.node("basic").orElseThrow(),
                problems,
                Set.of("user", "password"),
                "'auth.basic'");
        if (basic.isEmpty()) {
          yield new HttpAuth.None();
        }
        basic.get().requiredString("user", "'auth.basic'");
        basic.get().requiredString("password", "'auth.basic'");
        yield new HttpAuth.Basic(
            secretValue(upstream, basic.get(), "user"),
            secretValue(upstream, basic.get(), "password"));
      }
    };
  }

  private String secretValue(String upstream, MappingReader reader, String key) {
    Optional<YamlNode.Scalar> scalar = reader.scalar(key);
    scalar.ifPresent(s -> secrets.accept(upstream, s));
    return scalar.map(YamlNode.Scalar::value).orElse("");
  }

  private BreakerSettings breaker(YamlNode node) {
    return MappingReader.of(node, problems, Set.of("failures", "open_for"), "'breaker'")
        .map(
            b ->
                new BreakerSettings(
                    b.integer("failures", 1, 1000).orElse(BreakerSettings.DEFAULT.failures()),
                    b.duration("open_for").orElse(BreakerSettings.DEFAULT.openFor())))
        .orElse(BreakerSettings.DEFAULT);
  }

  private List<HttpTool> tools(String upstream, MappingReader reader) {
    Optional<YamlNode> node = reader.node("tools");
    if (node.isEmpty()) {
      problems.add(reader.location(), "upstream " + upstream + " needs 'tools'");
      return List.of();
    }
    if (!(node.get() instanceof YamlNode.Sequence list)) {
      problems.add(node.get().location(), "'tools' must be a list of tools");
      return List.of();
    }
    List<HttpTool> tools = new ArrayList<>();
    Map<String, Location> names = new HashMap<>();
    for (YamlNode item : list.items()) {
      new HttpToolReader(problems, upstream)
          .read(item)
          .ifPresent(
              tool -> {
                Location earlier = names.putIfAbsent(tool.name(), item.location());
                if (earlier != null) {
                  problems.add(
                      item.location(),
                      "upstream "
                          + upstream
                          + ": tool '"
                          + tool.name()
                          + "' is already defined at line "
                          + earlier.line());
                } else {
                  tools.add(tool);
                }
              });
    }
    return tools;
  }

  private Optional<URI> url(String text, Location location, String name) {
    if (!dev.gatehouse.connectors.vault.SecretInjector.namesIn(text).isEmpty()) {
      problems.add(
          location,
          "upstream "
              + name
              + ": ${secret:...} is only expanded in 'auth' and 'headers', not in 'base_url'");
      return Optional.empty();
    }
    try {
      URI uri = new URI(text);
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          || uri.getHost() == null) {
        problems.add(
            location, "upstream " + name + ": 'base_url' must be an http:// or https:// URL");
        return Optional.empty();
      }
      if (uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
        problems.add(
            location,
            "upstream " + name + ": 'base_url' may not hold credentials or a fragment; use 'auth'");
        return Optional.empty();
      }
      return Optional.of(uri);
    } catch (java.net.URISyntaxException e) {
      problems.add(
          location, "upstream " + name + ": 'base_url' is not a valid URL: " + e.getReason());
      return Optional.empty();
    }
  }
}
