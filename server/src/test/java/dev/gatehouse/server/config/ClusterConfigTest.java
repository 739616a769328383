package dev.gatehouse.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.connectors.vault.SecretReference;
import dev.gatehouse.shield.yaml.InvalidFileException;
import dev.gatehouse.shield.yaml.Problem;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code cluster:} section of {@code gatehouse.yaml}. */
class ClusterConfigTest {
  @TempDir Path dir;

  private GatehouseConfig load(String yaml) throws Exception {
    Path file = dir.resolve("gatehouse.yaml");
    Files.writeString(file, yaml);
    return ConfigLoader.load(file);
  }

  private List<String> problems(String yaml) throws Exception {
    try {
      load(yaml);
    } catch (InvalidFileException e) {
      return e.problems().stream()
          .map(Problem::toString)
          .map(p -> p.substring(p.indexOf("gatehouse.yaml")))
          .toList();
    }
    throw new AssertionError("expected problems");
  }

  @Test
  void withoutTheSectionGatehouseRunsOnItsOwn() throws Exception {
    assertThat(load("server: { port: 0 }\n").cluster()).isEmpty();
  }

  @Test
  void readsNodeIdRedisUrlAndThePasswordAsAVaultReference() throws Exception {
    GatehouseConfig config =
        load(
            """
            cluster:
              node_id: gw-a
              redis: { url: "redis://127.0.0.1:6379/0", password: "${secret:REDIS_PASSWORD}" }
            """);
    ClusterSettings cluster = config.cluster().orElseThrow();
    assertThat(cluster.nodeId()).isEqualTo("gw-a");
    ClusterSettings.Redis redis = cluster.redis().orElseThrow();
    assertThat(redis.url()).isEqualTo(URI.create("redis://127.0.0.1:6379/0"));
    assertThat(redis.password()).contains("${secret:REDIS_PASSWORD}");
    assertThat(config.secretReferences())
        .extracting(SecretReference::name, SecretReference::upstream)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("REDIS_PASSWORD", "cluster.redis"));
    assertThat(config.secretReferences().get(0).location().line()).isEqualTo(3);
  }

  @Test
  void theNodeIdDefaultsToTheHostNameAndThePasswordIsOptional() throws Exception {
    ClusterSettings cluster =
        load("""
                cluster:
                  redis: { url: "rediss://redis.internal:6380/2" }
                """)
            .cluster()
            .orElseThrow();
    assertThat(cluster.nodeId())
        .isEqualTo(java.net.InetAddress.getLocalHost().getHostName())
        .isNotBlank();
    assertThat(cluster.redis().orElseThrow().password()).isEmpty();
  }

  @Test
  void aSectionWithoutRedisHasANodeIdAndNoSharedStore() throws Exception {
    assertThat(load("cluster: { node_id: gw-b }\n").cluster())
        .contains(new ClusterSettings("gw-b", Optional.empty()));
  }

  @Test
  void everyProblemIsReportedAtOnceWithFileLineAndColumn() throws Exception {
    assertThat(
            problems(
                """
                cluster:
                  node_id: "gw a"
                  redis:
                    url: "http://127.0.0.1:6379"
                    password: hunter2
                    pool: 4
                  database: { url: "jdbc:mysql://127.0.0.1:3306/gatehouse", password: s3cret }
                  shards: 3
                """))
        .containsExactlyInAnyOrder(
            "gatehouse.yaml:2:12: 'cluster': node_id 'gw a' must be 1-63 letters, digits, '.', '_'"
                + " or '-', starting with a letter or digit",
            "gatehouse.yaml:4:10: 'cluster.redis': url must be a redis:// or rediss:// URL with a"
                + " host, like redis://127.0.0.1:6379/0",
            "gatehouse.yaml:5:15: 'cluster.redis': password must be a vault reference like"
                + " ${secret:REDIS_PASSWORD}, never the value itself",
            "gatehouse.yaml:6:5: unknown key 'pool' (expected one of password, url)",
            "gatehouse.yaml:7:20: 'cluster.database': url must be a PostgreSQL JDBC URL with a"
                + " host and a database, like jdbc:postgresql://127.0.0.1:5432/gatehouse",
            "gatehouse.yaml:7:13: 'cluster.database' needs 'user'",
            "gatehouse.yaml:7:71: 'cluster.database': password must be a vault reference like"
                + " ${secret:PG_PASSWORD}, never the value itself",
            "gatehouse.yaml:8:3: unknown key 'shards' (expected one of database, node_id, redis)");
  }

  @Test
  void readsTheSharedPostgresDatabaseWithItsPasswordFromThisNodesOwnStore() throws Exception {
    GatehouseConfig config =
        load(
            """
            cluster:
              node_id: gw-a
              database:
                url: "jdbc:postgresql://127.0.0.1:5432/gatehouse"
                user: gatehouse
                password: "${secret:PG_PASSWORD}"
            """);
    assertThat(config.cluster().orElseThrow().database())
        .contains(
            new ClusterSettings.Database(
                "jdbc:postgresql://127.0.0.1:5432/gatehouse",
                "gatehouse",
                Optional.of("PG_PASSWORD")));
    // Not checked against the shared vault at start: it lives in each node's own store.
    assertThat(config.secretReferences()).isEmpty();
    assertThat(
            load("cluster: { database: { url: \"jdbc:postgresql://db:5432/gh?sslmode=require\","
                    + " user: gh } }\n")
                .cluster()
                .orElseThrow()
                .database()
                .orElseThrow()
                .passwordSecret())
        .isEmpty();
    assertThat(
            problems(
                """
                cluster:
                  database:
                    url: "jdbc:postgresql://db:5432/gh?password=x"
                    user: gh
                """))
        .containsExactly(
            "gatehouse.yaml:3:10: 'cluster.database': url must not hold credentials; put the"
                + " password in 'password' as ${secret:NAME}");
  }

  @Test
  void credentialsInTheUrlAndBadDatabasesAreRefused() throws Exception {
    assertThat(
            problems(
                """
                cluster:
                  redis: { url: "redis://:hunter2@127.0.0.1:6379/0" }
                """))
        .containsExactly(
            "gatehouse.yaml:2:17: 'cluster.redis': url must not hold credentials; put the password"
                + " in 'password' as ${secret:NAME}");
    assertThat(
            problems(
                """
                cluster:
                  redis: { url: "redis://127.0.0.1:6379/99" }
                """))
        .containsExactly(
            "gatehouse.yaml:2:17: 'cluster.redis': the url's path must be a database number from 0"
                + " to 15, like /0");
    assertThat(problems("cluster:\n  redis: { password: \"${secret:REDIS_PASSWORD}\" }\n"))
        .containsExactly("gatehouse.yaml:2:10: 'cluster.redis' needs 'url'");
    assertThat(problems("cluster: gw-a\n"))
        .singleElement()
        .asString()
        .startsWith("gatehouse.yaml:1:10: 'cluster' must be a mapping");
  }

  @Test
  void theExampleInTheConfigurationReferenceLoads() throws Exception {
    String doc = Files.readString(Path.of("../docs/CONFIGURATION.md"));
    String section = doc.substring(doc.indexOf("## `cluster`"));
    int start = section.indexOf("```yaml\n") + "```yaml\n".length();
    ClusterSettings cluster =
        load(section.substring(start, section.indexOf("```", start))).cluster().orElseThrow();
    assertThat(cluster.nodeId()).isEqualTo("gw-a");
    assertThat(cluster.redis().orElseThrow().password()).contains("${secret:REDIS_PASSWORD}");
    assertThat(cluster.database().orElseThrow().passwordSecret()).contains("PG_PASSWORD");
  }
}
