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
 * (asked of Slack with {@code usergroups.users.list}, remembered for a minute). When Slack cannot
 * say who is in a group, nobody is taken to be.
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

  public SlackApprovers(
      MethodsClient slack, List<String> users, List<String> groups, InstantSource clock) {
    this.slack = slack;
    this.users = Set.copyOf(users);
    this.groups = List.copyOf(groups);
    this.clock = clock;
  }

  public boolean mayDecide(String userId) {
    if (users.contains(userId)) {
      return true;
    }
    for (String group : groups) {
      if (membersOf(group).contains(userId)) {
        return true;
      }
    }
    return false;
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
