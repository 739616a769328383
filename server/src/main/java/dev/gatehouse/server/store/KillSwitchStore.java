package dev.gatehouse.server.store;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * The kill switch, durable in the store: one row while engaged, none while released. Every node
 * reads it (a one-row primary-key lookup), so an operator on any node or in any process stops all.
 */
public final class KillSwitchStore {
  private final Jdbi jdbi;

  private static final RowMapper<Engaged> ROW =
      (rs, ctx) ->
          new Engaged(
              rs.getString("engaged_by"),
              rs.getString("reason"),
              Instant.ofEpochMilli(rs.getLong("since")));

  public KillSwitchStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Who engaged the kill switch, why, and since when. */
  public record Engaged(String by, String reason, Instant since) {}

  /** The switch as stored now: present while engaged. */
  public Optional<Engaged> read() {
    return jdbi.withHandle(
        h ->
            h.createQuery("select engaged_by, reason, since from kill_switch where id = 1")
                .map(ROW)
                .findOne());
  }

  /**
   * Engages the switch. When it is already engaged, the reason and who are replaced and the time it
   * went on is kept.
   *
   * @return the switch as stored now
   */
  public Engaged engage(String by, String reason, Instant at) {
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    """
                    insert into kill_switch(id, engaged_by, reason, since) values (1, :by, :r, :at)
                    on conflict(id) do update set engaged_by = excluded.engaged_by,
                      reason = excluded.reason""")
                .bind("by", by)
                .bind("r", reason)
                .bind("at", at.toEpochMilli())
                .execute());
    return read().orElseThrow(() -> new StoreException("the kill switch was not stored"));
  }

  /**
   * Releases the switch.
   *
   * @return how it was engaged; empty when it was not
   */
  public Optional<Engaged> release() {
    return jdbi.inTransaction(
        h -> {
          Optional<Engaged> was =
              h.createQuery("select engaged_by, reason, since from kill_switch where id = 1")
                  .map(ROW)
                  .findOne();
          // Only the release that deletes the row reports it: of two at once (another node's
          // transaction deleted it meanwhile), one records kill_switch_off, not both.
          int deleted = h.execute("delete from kill_switch where id = 1");
          return deleted == 1 ? was : Optional.<Engaged>empty();
        });
  }
}
