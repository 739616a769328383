package dev.gatehouse.server.config;

import dev.gatehouse.connectors.vault.SecretInjector;
import dev.gatehouse.connectors.vault.SecretReference;
import dev.gatehouse.connectors.vault.SecretVault;
import dev.gatehouse.shield.yaml.MappingReader;
import dev.gatehouse.shield.yaml.Problems;
import dev.gatehouse.shield.yaml.YamlNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/** Reads the {@code cluster:} section of {@code gatehouse.yaml}. */
final class ClusterReader {
  static final Set<String> KEYS = Set.of("node_id", "redis", "database");
  static final Set<String> REDIS_KEYS = Set.of("url", "password");
  static final Set<String> DATABASE_KEYS = Set.of("url", "user", "password");
  static final Pattern POSTGRES_URL =
      Pattern.compile("jdbc:postgresql://[^/?#@\\s]+/[A-Za-z0-9_$-]+(\\?[^\\s]*)?");
  static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

  /** Named as the user of the Redis password in reference checks and {@code secret list}. */
  static final String REDIS_USER = "cluster.redis";

  private ClusterReader() {}

  static Optional<ClusterSettings> read(
      MappingReader top,
      Problems problems,
      List<SecretReference> references,
      Supplier<String> hostName) {
    Optional<MappingReader> section =
        top.node("cluster").flatMap(n -> MappingReader.of(n, problems, KEYS, "'cluster'"));
    if (section.isEmpty()) {
      return Optional.empty();
    }
    MappingReader s = section.get();
    String nodeId = s.string("node_id").orElseGet(hostName);
    if (!NODE_ID.matcher(nodeId).matches()) {
      problems.add(
          s.has("node_id") ? s.locationOf("node_id") : s.location(),
          "'cluster': node_id '"
              + nodeId
              + "' must be 1-63 letters, digits, '.', '_' or '-', starting with a letter or digit"
              + (s.has("node_id") ? "" : " (it defaults to the host name; set node_id)"));
    }
    Optional<ClusterSettings.Redis> redis =
        s.node("redis")
            .flatMap(n -> MappingReader.of(n, problems, REDIS_KEYS, "'cluster.redis'"))
            .flatMap(r -> redis(r, problems, references));
    Optional<ClusterSettings.Database> database =
        s.node("database")
            .flatMap(n -> MappingReader.of(n, problems, DATABASE_KEYS, "'cluster.database'"))
            .flatMap(d -> database(d, problems));
    return Optional.of(new ClusterSettings(nodeId, redis, database));
  }

  /**
   * The PostgreSQL store. Its password is not added to the references checked against the vault at
   * start: it lives in each node's own store, since the shared vault is inside the database.
   */
  private static Optional<ClusterSettings.Database> database(MappingReader d, Problems problems) {
    Optional<String> url = d.requiredString("url", "'cluster.database'");
    if (url.isPresent() && !POSTGRES_URL.matcher(url.get()).matches()) {
      problems.add(
          d.locationOf("url"),
          "'cluster.database': url must be a PostgreSQL JDBC URL with a host and a database, like"
              + " jdbc:postgresql://127.0.0.1:5432/gatehouse");
      url = Optional.empty();
    } else if (url.isPresent()
        && url.get().toLowerCase(java.util.Locale.ROOT).contains("password")) {
      problems.add(
          d.locationOf("url"),
          "'cluster.database': url must not hold credentials; put the password in 'password' as"
              + " ${secret:NAME}");
      url = Optional.empty();
    }
    Optional<String> user = d.requiredString("user", "'cluster.database'");
    Optional<String> password = Optional.empty();
    Optional<YamlNode.Scalar> scalar = d.scalar("password");
    if (scalar.isPresent()) {
      password = secretName(scalar.get(), problems, "'cluster.database'", "PG_PASSWORD");
      if (password.isEmpty()) {
        return Optional.empty();
      }
    }
    if (url.isEmpty() || user.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new ClusterSettings.Database(url.get(), user.get(), password));
  }

  private static Optional<ClusterSettings.Redis> redis(
      MappingReader r, Problems problems, List<SecretReference> references) {
    Optional<URI> url =
        r.requiredString("url", "'cluster.redis'").flatMap(u -> url(u, r, problems));
    Optional<String> password = Optional.empty();
    Optional<YamlNode.Scalar> scalar = r.scalar("password");
    if (scalar.isPresent()) {
      password = secret(scalar.get(), problems, references);
      if (password.isEmpty()) {
        return Optional.empty();
      }
    }
    Optional<String> chosen = password;
    return url.map(u -> new ClusterSettings.Redis(u, chosen));
  }

  private static Optional<URI> url(String text, MappingReader r, Problems problems) {
    try {
      URI uri = new URI(text);
      if (!("redis".equals(uri.getScheme()) || "rediss".equals(uri.getScheme()))
          || uri.getHost() == null) {
        problems.add(
            r.locationOf("url"),
            "'cluster.redis': url must be a redis:// or rediss:// URL with a host, like"
                + " redis://127.0.0.1:6379/0");
        return Optional.empty();
      }
      if (uri.getRawUserInfo() != null) {
        problems.add(
            r.locationOf("url"),
            "'cluster.redis': url must not hold credentials; put the password in 'password' as"
                + " ${secret:NAME}");
        return Optional.empty();
      }
      String path = uri.getPath() == null ? "" : uri.getPath();
      if (!path.isEmpty() && !path.matches("/([0-9]|1[0-5])?")) {
        problems.add(
            r.locationOf("url"),
            "'cluster.redis': the url's path must be a database number from 0 to 15, like /0");
        return Optional.empty();
      }
      return Optional.of(uri);
    } catch (URISyntaxException e) {
      problems.add(
          r.locationOf("url"), "'cluster.redis': url is not a valid URL: " + e.getReason());
      return Optional.empty();
    }
  }

  /** The Redis password: it must be a {@code ${secret:NAME}} reference into the vault. */
  private static Optional<String> secret(
      YamlNode.Scalar scalar, Problems problems, List<SecretReference> references) {
    Optional<String> name = secretName(scalar, problems, "'cluster.redis'", "REDIS_PASSWORD");
    name.ifPresent(n -> references.add(new SecretReference(n, REDIS_USER, scalar.location())));
    return name.map(n -> "${secret:" + n + "}");
  }

  /** The NAME of a password given as {@code ${secret:NAME}}, the only form accepted. */
  private static Optional<String> secretName(
      YamlNode.Scalar scalar, Problems problems, String section, String example) {
    String value = scalar.value().strip();
    List<String> names = SecretInjector.namesIn(value);
    if (names.size() != 1 || !value.equals("${secret:" + names.get(0) + "}")) {
      problems.add(
          scalar.location(),
          section
              + ": password must be a vault reference like ${secret:"
              + example
              + "}, never the value itself");
      return Optional.empty();
    }
    if (!SecretVault.NAME.matcher(names.get(0)).matches()) {
      problems.add(
          scalar.location(), "'" + names.get(0) + "' is not a valid secret name in ${secret:...}");
      return Optional.empty();
    }
    return Optional.of(names.get(0));
  }
}
