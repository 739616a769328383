package dev.gatehouse.server.config;

import java.net.URI;
import java.util.Optional;

/**
 * The {@code cluster:} section: this node's name and the shared stores. Absent, Gatehouse runs on
 * its own as before.
 *
 * @param nodeId this node's name in the cluster (default: the host name)
 * @param redis the Redis that holds shared rate limits, when configured
 */
public record ClusterSettings(String nodeId, Optional<Redis> redis) {

  /**
   * Where the shared Redis is.
   *
   * @param url a {@code redis://} or {@code rediss://} URL without credentials
   * @param password a {@code ${secret:NAME}} reference into the vault, when Redis needs one
   */
  public record Redis(URI url, Optional<String> password) {}
}
