package dev.gatehouse.server.store;

import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * Versioned schema changes, applied in order, each once, in one transaction per version. A
 * migration is never edited after it ships: a change is a new version.
 */
public final class Migrations {
  /** A schema version and the statements that reach it. */
  public record Migration(int version, List<String> statements) {}

  public static final Migration V1 =
      new Migration(
          1,
          List.of(
              """
              create table agents (
                name text primary key,
                roles text not null,
                created_at integer not null
              )""",
              """
              create table agent_tokens (
                token_id text primary key,
                agent text not null references agents(name) on delete cascade,
                issued_at integer not null,
                expires_at integer not null,
                revoked_at integer
              )""",
              "create index agent_tokens_by_agent on agent_tokens(agent)",
              """
              create table audit_records (
                seq integer primary key autoincrement,
                at integer not null,
                call_id text not null,
                agent text not null,
                session_id text not null,
                tool text not null,
                upstream text not null,
                outcome text not null,
                kind text not null,
                rule_id text not null,
                reason text not null,
                duration_micros integer not null
              )"""));

  public static final Migration V2 =
      new Migration(
          2,
          List.of(
              """
              create table tool_pins (
                upstream text not null,
                tool text not null,
                exposed_name text not null,
                approved_sha text,
                approved_json text,
                approved_at integer,
                approved_by text,
                seen_sha text not null,
                seen_json text not null,
                seen_at integer not null,
                primary key (upstream, tool)
              )""",
              "create index tool_pins_by_exposed_name on tool_pins(exposed_name)"));

  public static final Migration V3 =
      new Migration(
          3,
          List.of(
              """
              create table secrets (
                name text primary key,
                ciphertext blob not null,
                updated_at integer not null
              )""",
              "alter table audit_records add column findings text not null default ''"));

  public static final Migration V4 =
      new Migration(
          4,
          List.of(
              "alter table audit_records add column prev_hash text",
              "alter table audit_records add column hash text",
              """
              create table audit_anchors (
                pruned_through integer primary key,
                hash text not null,
                pruned integer not null,
                at integer not null
              )"""));

  /** The approval queue (see {@code dev.gatehouse.approvals.ApprovalQueue}). */
  public static final Migration V5 =
      new Migration(
          5,
          List.of(
              """
              create table approval_requests (
                id text primary key,
                agent text not null,
                tool text not null,
                args_digest text not null,
                policy_revision text not null,
                upstream text not null,
                call_id text not null,
                rule_id text not null,
                reason text not null,
                arguments text not null,
                findings text not null,
                approvers text not null default '',
                created_at integer not null,
                expires_at integer not null,
                state text not null,
                decided_by text,
                decided_at integer,
                note text not null default '',
                grant_until integer,
                uses_left integer not null default 0,
                slack_channel text,
                slack_ts text,
                slack_outcome_shown integer not null default 0
              )""",
              "create index approval_requests_by_binding on approval_requests(agent, tool,"
                  + " args_digest, policy_revision, state)",
              "create index approval_requests_by_state on approval_requests(state, created_at)"));

  /** Call details in the audit trail (see {@code AuditDetails}). */
  public static final Migration V6 =
      new Migration(
          6, List.of("alter table audit_records add column details text not null default ''"));

  /** Every migration, in order. */
  public static final List<Migration> ALL = List.of(V1, V2, V3, V4, V5, V6);

  private Migrations() {}

  static void apply(Jdbi jdbi, List<Migration> migrations) {
    jdbi.useHandle(
        h ->
            h.execute(
                "create table if not exists schema_version (version integer primary key, applied_at"
                    + " text not null)"));
    for (Migration migration : migrations) {
      jdbi.useTransaction(
          h -> {
            boolean applied =
                h.createQuery("select count(*) from schema_version where version = :v")
                        .bind("v", migration.version())
                        .mapTo(Integer.class)
                        .one()
                    > 0;
            if (applied) {
              return;
            }
            migration.statements().forEach(h::execute);
            h.createUpdate("insert into schema_version(version, applied_at) values (:v, :at)")
                .bind("v", migration.version())
                .bind("at", java.time.Instant.now().toString())
                .execute();
          });
    }
  }
}
