package dev.gatehouse.server.store;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Jdbi;

/** Agents and the ids of the tokens issued to them. Token values themselves are never stored. */
public final class AgentStore {
  private final Jdbi jdbi;

  public AgentStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** An agent and a summary of its tokens, for {@code gatehouse agent list}. */
  public record AgentRow(
      String name,
      Set<String> roles,
      Instant createdAt,
      int activeTokens,
      Optional<Instant> expires) {}

  /** What the store knows about one token id. */
  public record TokenRow(
      String tokenId, String agent, Instant expiresAt, Optional<Instant> revokedAt) {}

  /** Creates the agent if new (updating its roles otherwise) and records a token id for it. */
  public void issue(
      String agent, Set<String> roles, String tokenId, Instant issuedAt, Instant expiresAt) {
    jdbi.useTransaction(
        h -> {
          h.createUpdate(
                  "insert into agents(name, roles, created_at) values (:n, :r, :at) on conflict(name)"
                      + " do update set roles = excluded.roles")
              .bind("n", agent)
              .bind("r", String.join(",", new TreeSet<>(roles)))
              .bind("at", issuedAt.toEpochMilli())
              .execute();
          h.createUpdate(
                  "insert into agent_tokens(token_id, agent, issued_at, expires_at) values (:id, :n,"
                      + " :iat, :exp)")
              .bind("id", tokenId)
              .bind("n", agent)
              .bind("iat", issuedAt.toEpochMilli())
              .bind("exp", expiresAt.toEpochMilli())
              .execute();
        });
  }

  public Optional<TokenRow> token(String tokenId) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "select token_id, agent, expires_at, revoked_at from agent_tokens where token_id = :id")
                .bind("id", tokenId)
                .map(
                    (rs, ctx) ->
                        new TokenRow(
                            rs.getString(1),
                            rs.getString(2),
                            Instant.ofEpochMilli(rs.getLong(3)),
                            millis(rs, 4)))
                .findOne());
  }

  /**
   * Revokes every token of the agent.
   *
   * @return how many tokens were revoked; 0 when the agent is unknown or had none active
   */
  public int revokeAll(String agent, Instant at) {
    return jdbi.withHandle(
        h ->
            h.createUpdate(
                    "update agent_tokens set revoked_at = :at where agent = :n and revoked_at is null")
                .bind("at", at.toEpochMilli())
                .bind("n", agent)
                .execute());
  }

  public boolean exists(String agent) {
    return jdbi.withHandle(
        h ->
            h.createQuery("select count(*) from agents where name = :n")
                    .bind("n", agent)
                    .mapTo(Integer.class)
                    .one()
                > 0);
  }

  public List<AgentRow> list(Instant now) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    """
                    select a.name, a.roles, a.created_at,
                      (select count(*) from agent_tokens t where t.agent = a.name
                         and t.revoked_at is null and t.expires_at > :now) as active,
                      (select max(expires_at) from agent_tokens t where t.agent = a.name
                         and t.revoked_at is null and t.expires_at > :now) as expires
                    from agents a order by a.name""")
                .bind("now", now.toEpochMilli())
                .map(
                    (rs, ctx) ->
                        new AgentRow(
                            rs.getString(1),
                            roles(rs.getString(2)),
                            Instant.ofEpochMilli(rs.getLong(3)),
                            rs.getInt(4),
                            millis(rs, 5)))
                .list());
  }

  private static Optional<Instant> millis(java.sql.ResultSet rs, int column)
      throws java.sql.SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(value));
  }

  private static Set<String> roles(String text) {
    return text.isEmpty() ? Set.of() : Set.copyOf(Arrays.asList(text.split(",")));
  }
}
