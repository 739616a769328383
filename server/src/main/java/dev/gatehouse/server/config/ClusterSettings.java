package dev.gatehouse.server.config;

import java.net.URI;
import java.util.Optional;

/**
 * The {@code cluster:} section: this node's name and the shared stores. Absent, Gatehouse runs on
 * its own as before.
 *
 * @param nodeId this node's name in the cluster (default: the host name)
 * @param redis the Redis that holds shared rate limits, when configured
 * @param database the PostgreSQL database that holds the durable state, when configured (the
 *     embedded SQLite file in {@code data_dir} otherwise)
 */
public record ClusterSettings(String nodeId, Optional<Redis> redis, Optional<Database> database) {

  /** A cluster sharing only Redis. */
  public ClusterSettings(String nodeId, Optional<Redis> redis) {
    this(nodeId, redis, Optional.empty());
  }

  /**
   * Where the shared PostgreSQL database is.
   *
   * @param url a {@code jdbc:postgresql://host[:port]/database} URL without credentials
   * @param user the database user
   * @param passwordSecret the name of the vault secret holding the password, when one is needed; it
   *     is read from this node's own store in {@code data_dir}, never from the database it unlocks
   */
  public record Database(String url, String user, Optional<String> passwordSecret) {}

  /**
   * Where the shared Redis is.
   *
   * @param url a {@code redis://} or {@code rediss://} URL without credentials
   * @param password a {@code ${secret:NAME}} reference into the vault, when Redis needs one
   */
  public record Redis(URI url, Optional<String> password) {}
}
