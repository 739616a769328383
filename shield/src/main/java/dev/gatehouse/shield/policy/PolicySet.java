package dev.gatehouse.shield.policy;

import dev.gatehouse.shield.AgentIdentity;
import dev.gatehouse.shield.Feature;
import dev.gatehouse.shield.detect.Detector;
import dev.gatehouse.shield.yaml.Location;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A loaded, checked set of rules. Precedence: among the enforced rules that match a call, deny
 * beats approve beats allow (the earliest rule of the winning action is named); when none matches,
 * the set's default decides. Shadow rules never decide; what they would have done is recorded in
 * the decision. Redact rules never decide either: each matching one adds its detectors to those
 * that mask the response.
 */
public final class PolicySet {
  private final List<Rule> rules;
  private final Action defaultAction;
  private final String revision;
  private final List<PolicyTest> tests;

  public PolicySet(
      List<Rule> rules, Action defaultAction, String revision, List<PolicyTest> tests) {
    this.rules = List.copyOf(rules);
    this.defaultAction = defaultAction;
    this.revision = revision;
    this.tests = List.copyOf(tests);
  }

  /** A set with no rules that decides every call with {@code action}, saying {@code reason}. */
  public static PolicySet only(Action action, String revision) {
    return new PolicySet(List.of(), action, revision, List.of());
  }

  public List<Rule> rules() {
    return rules;
  }

  public Action defaultAction() {
    return defaultAction;
  }

  public String revision() {
    return revision;
  }

  public List<PolicyTest> tests() {
    return tests;
  }

  public Decision evaluate(PolicyInput input) {
    Scan scan = new Scan(input.arguments());
    List<Rule> matched = new ArrayList<>();
    List<String> shadow = new ArrayList<>();
    List<Detector> redact = new ArrayList<>();
    for (Rule rule : rules) {
      if (!matches(rule, input, scan)) {
        continue;
      }
      if (rule.shadow()) {
        shadow.add(rule.id() + "=" + rule.action().word);
      } else if (rule.action().decides()) {
        matched.add(rule);
      } else {
        rule.redact().stream().filter(d -> !redact.contains(d)).forEach(redact::add);
      }
    }
    List<String> matchedIds = matched.stream().map(Rule::id).toList();
    List<RateLimit> limits = matched.stream().flatMap(r -> r.rate().stream()).toList();
    Optional<Rule> winner =
        matched.stream().min(Comparator.comparingInt(r -> r.action().ordinal()));
    Action action = winner.map(Rule::action).orElse(defaultAction);
    String reason =
        winner
            .map(Rule::explanation)
            .orElseGet(
                () ->
                    defaultAction == Action.ALLOW
                        ? "allowed by the policy default"
                        : "no policy rule allows "
                            + input.feature().word()
                            + " "
                            + input.name()
                            + " for agent "
                            + input.agent().name());
    return new Decision(
        action,
        winner.map(Rule::id),
        matchedIds,
        shadow,
        reason,
        winner.map(Rule::approvers).orElse(List.of()),
        revision,
        limits,
        scan.all(),
        List.copyOf(redact));
  }

  /**
   * Whether {@code rule} covers the use. A resource read through a template is covered by rules
   * naming its URI, and by rules naming the template's text unless they would allow it: what hides
   * a template also refuses reads through it, and allowing a template does not allow URIs.
   */
  private static boolean matches(Rule rule, PolicyInput input, Scan scan) {
    return rule.matches(input, scan)
        || (rule.action() != Action.ALLOW
            && input.templates().stream().anyMatch(t -> rule.matches(input.naming(t), scan)));
  }

  /** {@link #mayEverAllow(AgentIdentity, Feature, String, String)} for a tool. */
  public boolean mayEverAllow(AgentIdentity agent, String tool, String upstream) {
    return mayEverAllow(agent, Feature.TOOL, tool, upstream);
  }

  /**
   * Whether any use by {@code agent} of {@code name} could be allowed (or approved). False when an
   * unconditional enforced deny rule covers it, or when no rule could allow it and the default is
   * deny: such a tool, prompt or resource is not listed to the agent.
   */
  public boolean mayEverAllow(AgentIdentity agent, Feature feature, String name, String upstream) {
    for (Rule rule : rules) {
      if (!rule.shadow()
          && rule.action() == Action.DENY
          && rule.unconditional()
          && rule.couldMatch(agent, feature, name, upstream)) {
        return false;
      }
    }
    if (defaultAction != Action.DENY) {
      return true;
    }
    return rules.stream()
        .anyMatch(
            r ->
                !r.shadow()
                    && (r.action() == Action.ALLOW || r.action() == Action.APPROVE)
                    && r.couldMatch(agent, feature, name, upstream));
  }

  /** Where a rule was declared, for messages. */
  public Optional<Location> locationOf(String ruleId) {
    return rules.stream().filter(r -> r.id().equals(ruleId)).map(Rule::location).findFirst();
  }
}
