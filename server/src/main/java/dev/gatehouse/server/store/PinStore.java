package dev.gatehouse.server.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Pinned tool definitions: the approved one, and the one last seen from the upstream. */
public final class PinStore {
  private final Jdbi jdbi;

  public PinStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** One tool's pin. {@code approvedSha} empty means it was quarantined on first sight. */
  public record PinRow(
      String upstream,
      String tool,
      String exposedName,
      Optional<String> approvedSha,
      Optional<String> approvedJson,
      String seenSha,
      String seenJson,
      Optional<Instant> approvedAt,
      Optional<String> approvedBy) {
    public boolean quarantined() {
      return approvedSha.isEmpty() || !approvedSha.get().equals(seenSha);
    }
  }

  public Optional<PinRow> find(String upstream, String tool) {
    return jdbi.withHandle(
        h ->
            h.createQuery(SELECT + " where upstream = :u and tool = :t")
                .bind("u", upstream)
                .bind("t", tool)
                .map((rs, ctx) -> row(rs))
                .findOne());
  }

  public List<PinRow> byExposedName(String exposedName) {
    return jdbi.withHandle(
        h ->
            h.createQuery(SELECT + " where exposed_name = :e order by upstream")
                .bind("e", exposedName)
                .map((rs, ctx) -> row(rs))
                .list());
  }

  public List<PinRow> all() {
    return jdbi.withHandle(
        h -> h.createQuery(SELECT + " order by exposed_name").map((rs, ctx) -> row(rs)).list());
  }

  /** Records a tool seen for the first time, approved (trusted on first sight) or not. */
  public void firstSight(
      String upstream,
      String tool,
      String exposedName,
      String sha,
      String json,
      boolean approve,
      Instant at) {
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    """
                    insert into tool_pins(upstream, tool, exposed_name, approved_sha, approved_json,
                      approved_at, approved_by, seen_sha, seen_json, seen_at)
                    values (:u, :t, :e, :asha, :ajson, :aat, :aby, :sha, :json, :at)
                    on conflict(upstream, tool) do nothing""")
                .bind("u", upstream)
                .bind("t", tool)
                .bind("e", exposedName)
                .bind("asha", approve ? sha : null)
                .bind("ajson", approve ? json : null)
                .bind("aat", approve ? at.toEpochMilli() : null)
                .bind("aby", approve ? "first sight" : null)
                .bind("sha", sha)
                .bind("json", json)
                .bind("at", at.toEpochMilli())
                .execute());
  }

  /** Records the definition an upstream lists now, when it differs from the last one seen. */
  public void seen(
      String upstream, String tool, String exposedName, String sha, String json, Instant at) {
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "update tool_pins set seen_sha = :sha, seen_json = :json, seen_at = :at,"
                        + " exposed_name = :e where upstream = :u and tool = :t and seen_sha <> :sha")
                .bind("sha", sha)
                .bind("json", json)
                .bind("at", at.toEpochMilli())
                .bind("e", exposedName)
                .bind("u", upstream)
                .bind("t", tool)
                .execute());
  }

  /**
   * Approves the definition last seen if it is still {@code shownSha}, the one the approver was
   * shown; returns 0 (nothing approved) when the upstream changed it again meanwhile.
   */
  public int approve(String upstream, String tool, String shownSha, String by, Instant at) {
    return jdbi.withHandle(
        h ->
            h.createUpdate(
                    "update tool_pins set approved_sha = seen_sha, approved_json = seen_json,"
                        + " approved_at = :at, approved_by = :by where upstream = :u and tool = :t"
                        + " and seen_sha = :shown")
                .bind("at", at.toEpochMilli())
                .bind("by", by)
                .bind("u", upstream)
                .bind("t", tool)
                .bind("shown", shownSha)
                .execute());
  }

  private static final String SELECT =
      "select upstream, tool, exposed_name, approved_sha, approved_json, seen_sha, seen_json,"
          + " approved_at, approved_by from tool_pins";

  private static PinRow row(java.sql.ResultSet rs) throws java.sql.SQLException {
    long approvedAt = rs.getLong(8);
    Optional<Instant> at =
        rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(approvedAt));
    return new PinRow(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        Optional.ofNullable(rs.getString(4)),
        Optional.ofNullable(rs.getString(5)),
        rs.getString(6),
        rs.getString(7),
        at,
        Optional.ofNullable(rs.getString(9)));
  }
}
