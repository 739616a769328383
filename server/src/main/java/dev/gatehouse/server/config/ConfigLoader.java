package dev.gatehouse.server.config;

import dev.gatehouse.approvals.ApprovalSettings;
import dev.gatehouse.connectors.ToolNames;
import dev.gatehouse.connectors.UpstreamSpec;
import dev.gatehouse.connectors.vault.SecretInjector;
import dev.gatehouse.connectors.vault.SecretReference;
import dev.gatehouse.connectors.vault.SecretVault;
import dev.gatehouse.shield.yaml.InvalidFileException;
import dev.gatehouse.shield.yaml.Location;
import dev.gatehouse.shield.yaml.MappingReader;
import dev.gatehouse.shield.yaml.Problems;
import dev.gatehouse.shield.yaml.YamlNode;
import dev.gatehouse.shield.yaml.YamlParser;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code gatehouse.yaml}. Every problem in the file is reported at once, as {@code
 * file:line:column: message}; relative paths resolve against the file's own folder.
 */
public final class ConfigLoader {
  static final Set<String> TOP_KEYS =
      Set.of("server", "upstreams", "policies", "vault", "approvals", "cluster");
  static final Set<String> VAULT_KEYS = Set.of("keyset_file", "keyset_env");
  static final Set<String> SERVER_KEYS =
      Set.of(
          "host", "port", "data_dir", "allowed_hosts", "allowed_origins", "session_idle_timeout");
  static final List<String> LOOPBACK_HOSTS = List.of("localhost:*", "127.0.0.1:*", "[::1]:*");
  static final List<String> LOOPBACK_ORIGINS =
      List.of("http://localhost:*", "http://127.0.0.1:*", "http://[::1]:*");
  static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofMinutes(5);

  private ConfigLoader() {}

  /**
   * @throws InvalidFileException listing every problem found
   */
  public static GatehouseConfig load(Path file) {
    Path source = file.toAbsolutePath().normalize();
    Path base = source.getParent();
    String shownName = file.toString();
    Optional<YamlNode> root = YamlParser.parse(shownName, read(file, shownName));
    Problems problems = new Problems();
    if (root.isEmpty()) {
      problems.add(new Location(shownName, 1, 1), "the file is empty");
      problems.throwIfAny();
    }
    Optional<MappingReader> top = MappingReader.of(root.get(), problems, TOP_KEYS, "the config");
    if (top.isEmpty()) {
      problems.throwIfAny();
    }
    ServerSettings server = server(top.get(), base, problems);
    List<SecretReference> references = new ArrayList<>();
    List<UpstreamSpec> upstreams = new UpstreamsReader(base, problems, references).read(top.get());
    Optional<Path> policies = top.get().string("policies").map(p -> base.resolve(p).normalize());
    VaultSettings vault = vault(top.get(), base, problems);
    ApprovalSettings approvals = ApprovalsReader.read(top.get(), problems, references);
    Optional<ClusterSettings> cluster =
        ClusterReader.read(top.get(), problems, references, ConfigLoader::hostName);
    problems.throwIfAny();
    return new GatehouseConfig(
        source, server, upstreams, policies, vault, references, approvals, cluster);
  }

  /** The default {@code cluster.node_id}. */
  private static String hostName() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      return Optional.ofNullable(System.getenv("HOSTNAME")).orElse("localhost");
    }
  }

  private static VaultSettings vault(MappingReader top, Path base, Problems problems) {
    Optional<MappingReader> section =
        top.node("vault").flatMap(n -> MappingReader.of(n, problems, VAULT_KEYS, "'vault'"));
    Optional<Path> file =
        section.flatMap(s -> s.string("keyset_file")).map(f -> base.resolve(f).normalize());
    Optional<String> env = section.flatMap(s -> s.string("keyset_env"));
    if (file.isPresent() && env.isPresent()) {
      problems.add(section.get().location(), "'vault' takes keyset_file or keyset_env, not both");
    }
    return new VaultSettings(file, env);
  }

  private static String read(Path file, String shownName) {
    try {
      return java.nio.file.Files.readString(file);
    } catch (java.io.IOException e) {
      throw new InvalidFileException(
          List.of(
              new dev.gatehouse.shield.yaml.Problem(
                  new Location(shownName, 1, 1),
                  "cannot read the config file: " + e.getMessage())));
    }
  }

  private static ServerSettings server(MappingReader top, Path base, Problems problems) {
    Optional<MappingReader> section =
        top.node("server").flatMap(n -> MappingReader.of(n, problems, SERVER_KEYS, "'server'"));
    String host = section.flatMap(s -> s.string("host")).orElse("127.0.0.1");
    int port = section.flatMap(s -> s.integer("port", 0, 65535)).orElse(8080);
    Path dataDir =
        base.resolve(section.flatMap(s -> s.string("data_dir")).orElse("data")).normalize();
    List<String> hosts =
        section
            .filter(s -> s.has("allowed_hosts"))
            .map(s -> s.strings("allowed_hosts"))
            .orElse(LOOPBACK_HOSTS);
    List<String> origins =
        section
            .filter(s -> s.has("allowed_origins"))
            .map(s -> s.strings("allowed_origins"))
            .orElse(LOOPBACK_ORIGINS);
    Duration idle =
        section.flatMap(s -> s.duration("session_idle_timeout")).orElse(Duration.ofMinutes(30));
    return new ServerSettings(host, port, dataDir, hosts, origins, idle);
  }

  /** Reads the {@code upstreams:} mapping, one entry per upstream. */
  private static final class UpstreamsReader {
    static final Set<String> COMMON = Set.of("type", "prefix", "timeout");
    static final Set<String> STDIO_KEYS = union(COMMON, Set.of("command", "args", "env", "cwd"));
    static final Set<String> HTTP_KEYS = union(COMMON, Set.of("url", "headers"));
    static final Map<String, Set<String>> KEYS_BY_TYPE =
        Map.of(
            "mcp-stdio",
            STDIO_KEYS,
            "mcp-http",
            HTTP_KEYS,
            "mcp-sse",
            HTTP_KEYS,
            "http-api",
            HttpApiReader.keys(COMMON, false),
            "openapi",
            HttpApiReader.keys(COMMON, true));
    static final String TYPES = "mcp-stdio, mcp-http, mcp-sse, http-api or openapi";

    private final Path base;
    private final Problems problems;
    private final List<SecretReference> references;

    UpstreamsReader(Path base, Problems problems, List<SecretReference> references) {
      this.base = base;
      this.problems = problems;
      this.references = references;
    }

    /** The plain values of a mapping, noting each {@code ${secret:NAME}} it holds. */
    private Map<String, String> withSecrets(String upstream, Map<String, YamlNode.Scalar> values) {
      Map<String, String> out = new java.util.LinkedHashMap<>();
      values.forEach(
          (key, scalar) -> {
            noteSecrets(upstream, scalar);
            out.put(key, scalar.value());
          });
      return out;
    }

    /** Notes each {@code ${secret:NAME}} in one value as a reference of {@code upstream}. */
    private void noteSecrets(String upstream, YamlNode.Scalar scalar) {
      for (String name : SecretInjector.namesIn(scalar.value())) {
        if (SecretVault.NAME.matcher(name).matches()) {
          references.add(new SecretReference(name, upstream, scalar.location()));
        } else {
          problems.add(
              scalar.location(), "'" + name + "' is not a valid secret name in ${secret:...}");
        }
      }
    }

    List<UpstreamSpec> read(MappingReader top) {
      Optional<YamlNode> node = top.node("upstreams");
      if (node.isEmpty()) {
        return List.of();
      }
      if (!(node.get() instanceof YamlNode.Mapping mapping)) {
        problems.add(node.get().location(), "'upstreams' must be a mapping of name to upstream");
        return List.of();
      }
      List<UpstreamSpec> specs = new ArrayList<>();
      Map<String, Location> prefixes = new LinkedHashMap<>();
      for (YamlNode.Entry entry : mapping.entries()) {
        String name = entry.key().value();
        if (!UpstreamSpec.NAME.matcher(name).matches()) {
          problems.add(
              entry.key().location(),
              "upstream name '"
                  + name
                  + "' must be 1-32 letters, digits, '_' or '-', starting with a letter or digit");
          continue;
        }
        upstream(name, entry.value())
            .ifPresent(
                spec -> {
                  spec.prefix().ifPresent(p -> checkPrefix(p, name, entry.value(), prefixes));
                  specs.add(spec);
                });
      }
      return specs;
    }

    private void checkPrefix(
        String prefix, String name, YamlNode node, Map<String, Location> seen) {
      Location location =
          node instanceof YamlNode.Mapping m
              ? m.get("prefix").map(YamlNode::location).orElse(node.location())
              : node.location();
      seen.forEach(
          (other, at) -> {
            if (!other.equals(prefix) && overlap(prefix, other)) {
              problems.add(
                  location,
                  "upstream "
                      + name
                      + ": prefix '"
                      + prefix
                      + "' overlaps prefix '"
                      + other
                      + "' at line "
                      + at.line()
                      + " (a name beginning '"
                      + (prefix.length() > other.length() ? prefix : other)
                      + ToolNames.SEPARATOR
                      + "' could be either's); tool names would collide");
            }
          });
      Location earlier = seen.putIfAbsent(prefix, location);
      if (earlier != null) {
        problems.add(
            location,
            "upstream "
                + name
                + ": prefix '"
                + prefix
                + "' is already used at line "
                + earlier.line()
                + "; tool names would collide");
      }
      if (!ToolNames.isValid(ToolNames.exposed(Optional.of(prefix), "x"))) {
        problems.add(
            location,
            "upstream "
                + name
                + ": prefix '"
                + prefix
                + "' leaves no room for tool names within 64 characters of letters, digits, '_' and"
                + " '-'");
      }
    }

    /**
     * Whether some tool name could carry either prefix: one prefix followed by {@code __} begins
     * the other followed by {@code __} ({@code a} and {@code a__b}, or {@code a} and {@code a_}).
     */
    private static boolean overlap(String one, String other) {
      String a = one + ToolNames.SEPARATOR;
      String b = other + ToolNames.SEPARATOR;
      return a.startsWith(b) || b.startsWith(a);
    }

    private Optional<UpstreamSpec> upstream(String name, YamlNode node) {
      if (!(node instanceof YamlNode.Mapping mapping)) {
        problems.add(node.location(), "upstream " + name + " must be a mapping");
        return Optional.empty();
      }
      Optional<YamlNode.Scalar> type =
          mapping
              .get("type")
              .filter(YamlNode.Scalar.class::isInstance)
              .map(YamlNode.Scalar.class::cast);
      if (type.isEmpty()) {
        problems.add(
            mapping.location(), "upstream " + name + " needs 'type' (one of " + TYPES + ")");
        return Optional.empty();
      }
      Set<String> keys = KEYS_BY_TYPE.get(type.get().value());
      if (keys == null) {
        problems.add(
            type.get().location(),
            "upstream "
                + name
                + ": unknown type '"
                + type.get().value()
                + "' (expected "
                + TYPES
                + ")");
        return Optional.empty();
      }
      MappingReader reader = new MappingReader(mapping, problems, keys);
      Optional<String> prefix = prefix(name, reader);
      Optional<Duration> written = reader.duration("timeout");
      Duration timeout = written.orElse(DEFAULT_CALL_TIMEOUT);
      return switch (type.get().value()) {
        case "mcp-stdio" -> stdio(name, reader, prefix, timeout);
        case "http-api", "openapi" ->
            new HttpApiReader(base, problems, this::noteSecrets)
                .read(name, type.get().value().equals("openapi"), reader, prefix, written);
        default -> http(name, type.get().value(), reader, prefix, timeout);
      };
    }

    private Optional<String> prefix(String name, MappingReader reader) {
      Optional<String> written = reader.string("prefix");
      if (written.isEmpty()) {
        return Optional.of(name);
      }
      if (written.get().equals("none")) {
        return Optional.empty();
      }
      if (!UpstreamSpec.NAME.matcher(written.get()).matches()) {
        problems.add(
            reader.locationOf("prefix"),
            "upstream "
                + name
                + ": prefix '"
                + written.get()
                + "' must be 1-32 letters, digits, '_' or '-' (or 'none')");
      }
      return written;
    }

    private Optional<UpstreamSpec> stdio(
        String name, MappingReader reader, Optional<String> prefix, Duration timeout) {
      Optional<String> command = reader.requiredString("command", "upstream " + name);
      List<String> args = reader.strings("args");
      Map<String, String> env = withSecrets(name, reader.stringMap("env"));
      Path cwd = reader.string("cwd").map(base::resolve).orElse(base).normalize();
      return command.map(c -> new UpstreamSpec.Stdio(name, prefix, timeout, c, args, env, cwd));
    }

    private Optional<UpstreamSpec> http(
        String name, String type, MappingReader reader, Optional<String> prefix, Duration timeout) {
      Optional<java.net.URI> url =
          reader
              .requiredString("url", "upstream " + name)
              .flatMap(u -> url(u, reader.locationOf("url"), name));
      Map<String, String> headers = withSecrets(name, reader.stringMap("headers"));
      return url.map(
          u ->
              type.equals("mcp-http")
                  ? new UpstreamSpec.Http(name, prefix, timeout, u, headers)
                  : new UpstreamSpec.Sse(name, prefix, timeout, u, headers));
    }

    private Optional<java.net.URI> url(String text, Location location, String name) {
      try {
        java.net.URI uri = new java.net.URI(text);
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
            || uri.getHost() == null) {
          problems.add(location, "upstream " + name + ": 'url' must be an http:// or https:// URL");
          return Optional.empty();
        }
        return Optional.of(uri);
      } catch (java.net.URISyntaxException e) {
        problems.add(location, "upstream " + name + ": 'url' is not a valid URL: " + e.getReason());
        return Optional.empty();
      }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
      Set<String> all = new java.util.HashSet<>(a);
      all.addAll(b);
      return Set.copyOf(all);
    }
  }
}
