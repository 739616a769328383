package dev.gatehouse.server.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jdbi.v3.core.Jdbi;

/**
 * The policy sets loaded by the nodes of a cluster, each with its files, newest last: the newest is
 * the one every node puts in force. Only the last {@link #KEPT} are kept.
 */
public final class PolicyBundleStore {
  static final int KEPT = 20;
  private static final TypeReference<TreeMap<String, String>> FILES = new TypeReference<>() {};

  private final Jdbi jdbi;
  private final ObjectMapper mapper = new ObjectMapper();

  public PolicyBundleStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Which bundle is the newest, without its files (the cheap part of a poll). */
  public record Head(long seq, String revision) {}

  /**
   * One stored policy set.
   *
   * @param files file name to content
   * @param node the node that loaded it from its directory
   */
  public record Bundle(
      long seq, String revision, SortedMap<String, String> files, String node, Instant storedAt) {}

  /** Stores a set loaded by {@code node}; returns its sequence number. */
  public long store(String revision, SortedMap<String, String> files, String node, Instant at) {
    String json;
    try {
      json = mapper.writeValueAsString(files);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    return jdbi.inTransaction(
        h -> {
          long seq =
              h.createQuery(
                      "insert into policy_bundles(revision, files, node, stored_at)"
                          + " values (:r, :f, :n, :at) returning seq")
                  .bind("r", revision)
                  .bind("f", json)
                  .bind("n", node)
                  .bind("at", at.toEpochMilli())
                  .mapTo(Long.class)
                  .one();
          h.createUpdate("delete from policy_bundles where seq <= :old")
              .bind("old", seq - KEPT)
              .execute();
          return seq;
        });
  }

  public Optional<Head> newest() {
    return jdbi.withHandle(
        h ->
            h.createQuery("select seq, revision from policy_bundles order by seq desc limit 1")
                .map((rs, ctx) -> new Head(rs.getLong("seq"), rs.getString("revision")))
                .findOne());
  }

  public Optional<Bundle> find(long seq) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "select seq, revision, files, node, stored_at from policy_bundles where seq ="
                        + " :s")
                .bind("s", seq)
                .map(
                    (rs, ctx) ->
                        new Bundle(
                            rs.getLong("seq"),
                            rs.getString("revision"),
                            files(rs.getString("files")),
                            rs.getString("node"),
                            Instant.ofEpochMilli(rs.getLong("stored_at"))))
                .findOne());
  }

  private SortedMap<String, String> files(String json) {
    try {
      return mapper.readValue(json, FILES);
    } catch (JsonProcessingException e) {
      throw new StoreException("a stored policy set is not readable JSON");
    }
  }
}
