package dev.gatehouse.approvals;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

/**
 * The persistent state machine of approval requests, in the store's {@code approval_requests}
 * table: pending → approved | denied | expired | cancelled, each change made once by a conditional
 * update. Several processes (the gateway, the CLI) may use it at once. A grant is consumed by an
 * atomic {@code uses_left - 1} guarded by {@code uses_left > 0}, so one approval lets exactly as
 * many calls through as it says.
 */
public final class ApprovalQueue {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";

  private final Jdbi jdbi;
  private final InstantSource clock;
  private final Duration expireAfter;
  private final ApprovalEvents events;
  private final BindingLock bindingLock;
  private final ReentrantLock writes = new ReentrantLock();

  /**
   * @param expireAfter how long a request stays pending, and how long a single-use grant stays
   *     usable once approved
   * @param bindingLock how admissions of one binding take turns on this store ({@link
   *     BindingLock#NONE} on SQLite, an advisory lock on PostgreSQL)
   */
  public ApprovalQueue(
      Jdbi jdbi,
      InstantSource clock,
      Duration expireAfter,
      ApprovalEvents events,
      BindingLock bindingLock) {
    this.jdbi = jdbi;
    this.clock = clock;
    this.expireAfter = expireAfter;
    this.events = events;
    this.bindingLock = bindingLock;
  }

  /** What the gate asks approval for. */
  public record Ask(
      Binding binding,
      String upstream,
      String callId,
      String ruleId,
      String reason,
      String arguments,
      String findings,
      List<String> approvers) {
    public Ask {
      approvers = List.copyOf(approvers);
    }
  }

  /** What became of a call that needs approval. */
  public sealed interface Admission {
    ApprovalRequest request();

    /** An approval covered the call, and one use of it is now spent. */
    record Granted(ApprovalRequest request) implements Admission {}

    /** The call must wait for the pending request (created by this call, or an earlier one). */
    record Waiting(ApprovalRequest request, boolean created) implements Admission {}
  }

  /**
   * Lets a call in on an unused grant for exactly its binding (spending one use), or else finds or
   * opens the pending request it must wait for. Grant check and opening are one transaction, so a
   * call arriving as its approval lands never opens a needless new request; and admissions of one
   * binding take turns ({@link BindingLock}), so calls arriving at once on several nodes open one
   * request between them.
   */
  public Admission admit(Ask ask) {
    Instant now = clock.instant();
    Binding binding = ask.binding();
    // Reads first: the common cases (a request already pending, no grant) take no write lock.
    if (jdbi.withHandle(h -> grantFor(h, binding, now)).isEmpty()) {
      Optional<ApprovalRequest> waiting = jdbi.withHandle(h -> pending(h, binding, now));
      if (waiting.isPresent()) {
        return new Admission.Waiting(waiting.get(), false);
      }
    }
    Admission admission =
        write(
            h -> {
              bindingLock.hold(h, binding);
              Optional<String> grant = grantFor(h, binding, now);
              if (grant.isPresent() && consume(h, grant.get(), now)) {
                return new Admission.Granted(find(h, grant.get()).orElseThrow());
              }
              Optional<ApprovalRequest> pending = pending(h, binding, now);
              if (pending.isPresent()) {
                return new Admission.Waiting(pending.get(), false);
              }
              String id = newId();
              h.createUpdate(
                      """
                      insert into approval_requests(id, agent, tool, args_digest, policy_revision,
                        upstream, call_id, rule_id, reason, arguments, findings, approvers,
                        created_at, expires_at, state)
                      values (:id, :a, :t, :d, :r, :u, :c, :rule, :reason, :args, :f, :who, :now,
                        :exp, 'pending')""")
                  .bind("id", id)
                  .bind("a", ask.binding().agent())
                  .bind("t", ask.binding().tool())
                  .bind("d", ask.binding().argumentsDigest())
                  .bind("r", ask.binding().policyRevision())
                  .bind("u", ask.upstream())
                  .bind("c", ask.callId())
                  .bind("rule", ask.ruleId())
                  .bind("reason", ask.reason())
                  .bind("args", ask.arguments())
                  .bind("f", ask.findings())
                  .bind("who", String.join(",", ask.approvers()))
                  .bind("now", now.toEpochMilli())
                  .bind("exp", now.plus(expireAfter).toEpochMilli())
                  .execute();
              return new Admission.Waiting(find(h, id).orElseThrow(), true);
            });
    switch (admission) {
      case Admission.Granted granted -> events.used(granted.request(), ask.callId());
      case Admission.Waiting waiting when waiting.created() -> events.requested(waiting.request());
      case Admission.Waiting waiting -> {}
    }
    return admission;
  }

  private static Optional<ApprovalRequest> pending(Handle h, Binding binding, Instant now) {
    return h.createQuery(
            SELECT
                + " where agent = :a and tool = :t and args_digest = :d and policy_revision = :r"
                + " and state = 'pending' and expires_at > :now order by created_at limit 1")
        .bind("a", binding.agent())
        .bind("t", binding.tool())
        .bind("d", binding.argumentsDigest())
        .bind("r", binding.policyRevision())
        .bind("now", now.toEpochMilli())
        .map((rs, ctx) -> row(rs))
        .findOne();
  }

  /**
   * Runs a write transaction. Writers in this process queue here, parked like any virtual thread,
   * instead of inside SQLite's busy wait, which would hold a carrier thread (native code pins it).
   */
  private <T> T write(HandleCallback<T, RuntimeException> work) {
    writes.lock();
    try {
      return jdbi.inTransaction(work);
    } finally {
      writes.unlock();
    }
  }

  private static Optional<String> grantFor(Handle h, Binding binding, Instant now) {
    return h.createQuery(
            "select id from approval_requests where agent = :a and tool = :t and"
                + " args_digest = :d and policy_revision = :r and state = 'approved'"
                + " and uses_left > 0 and grant_until > :now order by decided_at"
                + " limit 1")
        .bind("a", binding.agent())
        .bind("t", binding.tool())
        .bind("d", binding.argumentsDigest())
        .bind("r", binding.policyRevision())
        .bind("now", now.toEpochMilli())
        .mapTo(String.class)
        .findOne();
  }

  /** Uses one call's worth of the grant of request {@code id}; false when there is none left. */
  public boolean useGrant(String id, String callId) {
    Instant now = clock.instant();
    Optional<ApprovalRequest> used =
        write(h -> consume(h, id, now) ? find(h, id) : Optional.<ApprovalRequest>empty());
    used.ifPresent(request -> events.used(request, callId));
    return used.isPresent();
  }

  private static boolean consume(Handle h, String id, Instant now) {
    return h.createUpdate(
                "update approval_requests set uses_left = uses_left - 1 where id = :id and state ="
                    + " 'approved' and uses_left > 0 and grant_until > :now")
            .bind("id", id)
            .bind("now", now.toEpochMilli())
            .execute()
        == 1;
  }

  /** Decides a pending, unexpired request; a decided one stays as it is. */
  public DecideResult decide(String id, Ruling ruling, String by) {
    Instant now = clock.instant();
    DecideResult result =
        write(
            h -> {
              int uses = 0;
              Instant until = null;
              String note = "";
              switch (ruling) {
                case Ruling.Approve approve -> {
                  uses = approve.grant().window().isPresent() ? Integer.MAX_VALUE : 1;
                  until = now.plus(approve.grant().window().orElse(expireAfter));
                }
                case Ruling.Deny deny -> note = deny.reason();
                case Ruling.Cancel cancel -> note = cancel.reason();
              }
              int changed =
                  h.createUpdate(
                          "update approval_requests set state = :s, decided_by = :by, decided_at ="
                              + " :now, note = :note, grant_until = :until, uses_left = :uses"
                              + " where id = :id and state = 'pending' and expires_at > :now")
                      .bind("s", ruling.state().word())
                      .bind("by", by)
                      .bind("now", now.toEpochMilli())
                      .bind("note", note)
                      .bind("until", until == null ? null : until.toEpochMilli())
                      .bind("uses", uses)
                      .bind("id", id)
                      .execute();
              Optional<ApprovalRequest> request = find(h, id);
              if (request.isEmpty()) {
                return new DecideResult.Unknown(id);
              }
              return changed == 1
                  ? new DecideResult.Decided(request.get())
                  : new DecideResult.AlreadyDecided(request.get());
            });
    if (result instanceof DecideResult.Decided decided) {
      events.decided(decided.request());
    }
    return result;
  }

  /**
   * Turns every pending request past its expiry into an expired one, and returns those this call
   * expired (not those another node decided or expired meanwhile).
   */
  public List<ApprovalRequest> expireDue() {
    Instant now = clock.instant();
    // A read first: the store's transactions take the write lock, and this runs every half second.
    boolean any =
        jdbi.withHandle(
                h ->
                    h.createQuery(
                            "select count(*) from approval_requests where state = 'pending' and"
                                + " expires_at <= :now")
                        .bind("now", now.toEpochMilli())
                        .mapTo(Integer.class)
                        .one())
            > 0;
    if (!any) {
      return List.of();
    }
    List<ApprovalRequest> expired =
        write(
            h -> {
              List<String> ids =
                  h.createQuery(
                          "select id from approval_requests where state = 'pending' and expires_at"
                              + " <= :now")
                      .bind("now", now.toEpochMilli())
                      .mapTo(String.class)
                      .list();
              // Another node may decide or expire one first: only rows this update changed count.
              List<String> changed = new ArrayList<>();
              for (String id : ids) {
                int rows =
                    h.createUpdate(
                            "update approval_requests set state = 'expired', decided_by ="
                                + " 'gatehouse', decided_at = :now, note = 'no decision in time'"
                                + " where id = :id and state = 'pending'")
                        .bind("now", now.toEpochMilli())
                        .bind("id", id)
                        .execute();
                if (rows == 1) {
                  changed.add(id);
                }
              }
              return changed.stream().map(id -> find(h, id).orElseThrow()).toList();
            });
    expired.forEach(events::decided);
    return expired;
  }

  public Optional<ApprovalRequest> find(String id) {
    return jdbi.withHandle(h -> find(h, id));
  }

  /** How many requests wait for a decision now. */
  public long pendingCount() {
    return jdbi.withHandle(
        h ->
            h.createQuery("select count(*) from approval_requests where state = :s")
                .bind("s", ApprovalState.PENDING.word())
                .mapTo(Long.class)
                .one());
  }

  /** The newest requests first, optionally only those in {@code state}. */
  public List<ApprovalRequest> list(Optional<ApprovalState> state, int limit) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    SELECT
                        + (state.isPresent() ? " where state = :s" : "")
                        + " order by created_at desc, id limit :n")
                .bind("s", state.map(ApprovalState::word).orElse(""))
                .bind("n", limit)
                .map((rs, ctx) -> row(rs))
                .list());
  }

  /** Of the given ids, the requests that are no longer pending. */
  public List<ApprovalRequest> settledAmong(java.util.Collection<String> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    return jdbi.withHandle(
        h ->
            h.createQuery(SELECT + " where state <> 'pending' and id in (<ids>)")
                .bindList("ids", List.copyOf(ids))
                .map((rs, ctx) -> row(rs))
                .list());
  }

  /** Pending requests whose Slack message is not posted yet. */
  public List<ApprovalRequest> unannounced() {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    SELECT + " where state = 'pending' and slack_ts is null order by created_at")
                .map((rs, ctx) -> row(rs))
                .list());
  }

  /** Decided requests whose Slack message does not show the outcome yet. */
  public List<ApprovalRequest> outcomesNotShown() {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    SELECT
                        + " where state <> 'pending' and slack_ts is not null and"
                        + " slack_outcome_shown = 0 order by decided_at")
                .map((rs, ctx) -> row(rs))
                .list());
  }

  public void announced(String id, String channel, String ts) {
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "update approval_requests set slack_channel = :c, slack_ts = :ts where id = :id")
                .bind("c", channel)
                .bind("ts", ts)
                .bind("id", id)
                .execute());
  }

  public void outcomeShown(String id) {
    jdbi.useHandle(
        h ->
            h.createUpdate("update approval_requests set slack_outcome_shown = 1 where id = :id")
                .bind("id", id)
                .execute());
  }

  private static Optional<ApprovalRequest> find(Handle h, String id) {
    return h.createQuery(SELECT + " where id = :id")
        .bind("id", id)
        .map((rs, ctx) -> row(rs))
        .findOne();
  }

  private static String newId() {
    StringBuilder id = new StringBuilder("ap_");
    for (int i = 0; i < 10; i++) {
      id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return id.toString();
  }

  private static final String SELECT =
      "select id, agent, tool, args_digest, policy_revision, upstream, call_id, rule_id, reason,"
          + " arguments, findings, created_at, expires_at, state, decided_by, decided_at, note,"
          + " grant_until, uses_left, slack_channel, slack_ts, slack_outcome_shown, approvers from"
          + " approval_requests";

  private static ApprovalRequest row(ResultSet rs) throws SQLException {
    String decidedBy = rs.getString(15);
    Optional<ApprovalRequest.Decision> decision =
        decidedBy == null
            ? Optional.empty()
            : Optional.of(
                new ApprovalRequest.Decision(
                    decidedBy,
                    Instant.ofEpochMilli(rs.getLong(16)),
                    rs.getString(17),
                    millis(rs, 18),
                    rs.getInt(19)));
    String ts = rs.getString(21);
    Optional<ApprovalRequest.SlackMessage> slack =
        ts == null
            ? Optional.empty()
            : Optional.of(
                new ApprovalRequest.SlackMessage(rs.getString(20), ts, rs.getInt(22) == 1));
    return new ApprovalRequest(
        rs.getString(1),
        new Binding(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)),
        rs.getString(6),
        rs.getString(7),
        rs.getString(8),
        rs.getString(9),
        rs.getString(10),
        rs.getString(11),
        rs.getString(23).isEmpty() ? List.of() : List.of(rs.getString(23).split(",")),
        Instant.ofEpochMilli(rs.getLong(12)),
        Instant.ofEpochMilli(rs.getLong(13)),
        ApprovalState.ofWord(rs.getString(14)),
        decision,
        slack);
  }

  private static Optional<Instant> millis(ResultSet rs, int column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(value));
  }
}
