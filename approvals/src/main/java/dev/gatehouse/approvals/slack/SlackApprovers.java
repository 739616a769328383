package dev.gatehouse.approvals.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.usergroups.users.UsergroupsUsersListResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may decide in Slack: the configured user ids, and members of the configured user groups
 * (asked of Slack with {@code usergroups.users.list}, remembered for a minute). A rule that names
 * its own {@code approvers} (user ids {@code U…}/{@code W…}, group ids {@code S…}, or group
 * {@code @handle}s, resolved with {@code usergroups.list}) replaces the configured ones for its
 * requests: exactly those may decide them. When Slack cannot say who is in a group, nobody is taken
 * to be.
 */
public final class SlackApprovers {
  private static final Logger log = LoggerFactory.getLogger(SlackApprovers.class);
  static final Duration MEMBERS_TTL = Duration.ofMinutes(1);

  private final MethodsClient slack;
  private final Set<String> users;
  private final List<String> groups;
  private final InstantSource clock;
  private final ConcurrentMap<String, Members> members = new ConcurrentHashMap<>();

  private record Members(Set<String> users, Instant fetchedAt) {}

  private record Handles(java.util.Map<String, String> ids, Instant fetchedAt) {}

  private volatile Handles handles;

  public SlackApprovers(
      MethodsClient slack, List<String> users, List<String> groups, InstantSource clock) {
    this.slack = slack;
    this.users = Set.copyOf(users);
    this.groups = List.copyOf(groups);
    this.clock = clock;
  }

  /**
   * @param ruleApprovers the approvers the request's rule names; empty for the configured ones
   */
  public boolean mayDecide(String userId, List<String> ruleApprovers) {
    if (ruleApprovers.isEmpty()) {
      return users.contains(userId) || groups.stream().anyMatch(g -> membersOf(g).contains(userId));
    }
    for (String approver : ruleApprovers) {
      boolean allowed =
          approver.startsWith("@")
              ? groupByHandle(approver.substring(1))
                  .map(g -> membersOf(g).contains(userId))
                  .orElse(false)
              : approver.startsWith("S")
                  ? membersOf(approver).contains(userId)
                  : approver.equals(userId);
      if (allowed) {
        return true;
      }
    }
    return false;
  }

  private java.util.Optional<String> groupByHandle(String handle) {
    Instant now = clock.instant();
    if (handles == null || handles.fetchedAt().plus(MEMBERS_TTL).isBefore(now)) {
      try {
        var response = slack.usergroupsList(r -> r);
        if (!response.isOk()) {
          log.warn("slack: cannot list user groups: {}", response.getError());
          return java.util.Optional.empty();
        }
        java.util.Map<String, String> byHandle = new java.util.HashMap<>();
        response.getUsergroups().forEach(g -> byHandle.put(g.getHandle(), g.getId()));
        handles = new Handles(java.util.Map.copyOf(byHandle), now);
      } catch (IOException | SlackApiException e) {
        log.warn("slack: cannot list user groups: {}", e.toString());
        return java.util.Optional.empty();
      }
    }
    return java.util.Optional.ofNullable(handles.ids().get(handle));
  }

  private Set<String> membersOf(String group) {
    Instant now = clock.instant();
    Members known = members.get(group);
    if (known != null && known.fetchedAt().plus(MEMBERS_TTL).isAfter(now)) {
      return known.users();
    }
    try {
      UsergroupsUsersListResponse response = slack.usergroupsUsersList(r -> r.usergroup(group));
      if (!response.isOk()) {
        log.warn("slack: cannot list the members of user group {}: {}", group, response.getError());
        return Set.of();
      }
      Set<String> fetched = Set.copyOf(response.getUsers());
      members.put(group, new Members(fetched, now));
      return fetched;
    } catch (IOException | SlackApiException e) {
      log.warn("slack: cannot list the members of user group {}: {}", group, e.toString());
      return Set.of();
    }
  }
}
