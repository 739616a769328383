package dev.gatehouse.shield.policy;

import dev.gatehouse.shield.AgentIdentity;
import dev.gatehouse.shield.Feature;
import dev.gatehouse.shield.detect.Detector;
import dev.gatehouse.shield.yaml.Location;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One policy rule. Empty {@code agents}, {@code roles} or {@code upstreams} match every caller or
 * upstream. A rule covers the tools, prompts and resources its globs name (at least one of the
 * three lists is set); an empty list covers nothing of that feature.
 *
 * @param shadow evaluated and recorded, never enforced
 * @param rate how many matching calls may pass per period, when limited
 * @param redact for {@code action: redact}, the detectors whose findings are masked in responses
 */
public record Rule(
    String id,
    Location location,
    List<Glob> tools,
    List<Glob> prompts,
    List<Glob> resources,
    List<Glob> agents,
    Set<String> roles,
    List<Glob> upstreams,
    Optional<Condition> when,
    Action action,
    boolean shadow,
    Optional<String> reason,
    List<String> approvers,
    Optional<RateLimit> rate,
    List<Detector> redact) {

  /**
   * Whether the rule's scope (tool, agent, roles, upstream) covers the call, ignoring {@code when}.
   */
  public boolean inScope(PolicyInput input) {
    return couldMatch(input.agent(), input.feature(), input.name(), input.upstream());
  }

  public boolean matches(PolicyInput input, Scan scan) {
    return inScope(input) && when.map(c -> c.test(scan)).orElse(true);
  }

  /** Whether the rule can match {@code agent} using {@code name} of {@code upstream} at all. */
  public boolean couldMatch(AgentIdentity agent, Feature feature, String name, String upstream) {
    return anyMatch(globs(feature), name)
        && (agents.isEmpty() || anyMatch(agents, agent.name()))
        && (roles.isEmpty() || roles.stream().anyMatch(agent::hasRole))
        && (upstreams.isEmpty() || anyMatch(upstreams, upstream));
  }

  /** The globs that name what this rule covers of {@code feature}. */
  public List<Glob> globs(Feature feature) {
    return switch (feature) {
      case TOOL -> tools;
      case PROMPT -> prompts;
      case RESOURCE -> resources;
    };
  }

  public boolean unconditional() {
    return when.isEmpty();
  }

  /** The one line the model reads when this rule decides. */
  public String explanation() {
    return reason.orElseGet(() -> "policy rule " + id + " says " + action.word);
  }

  private static boolean anyMatch(List<Glob> globs, String value) {
    return globs.stream().anyMatch(g -> g.matches(value));
  }
}
