package dev.gatehouse.shield.policy;

import dev.gatehouse.shield.detect.Detector;
import dev.gatehouse.shield.detect.Detectors;
import dev.gatehouse.shield.yaml.Location;
import dev.gatehouse.shield.yaml.MappingReader;
import dev.gatehouse.shield.yaml.Problems;
import dev.gatehouse.shield.yaml.YamlNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads the {@code rules:} list of one policy file. */
final class RuleReader {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

  private final Problems problems;
  private final Map<String, Location> ids;
  private final ConditionReader conditions;

  RuleReader(Problems problems, Map<String, Location> ids, Detectors detectors) {
    this.problems = problems;
    this.ids = ids;
    this.conditions = new ConditionReader(problems, detectors);
  }

  List<Rule> read(MappingReader file) {
    Optional<YamlNode> node = file.node("rules");
    if (node.isEmpty()) {
      return List.of();
    }
    if (!(node.get() instanceof YamlNode.Sequence list)) {
      problems.add(node.get().location(), "'rules' must be a list of rules");
      return List.of();
    }
    List<Rule> rules = new ArrayList<>();
    for (YamlNode item : list.items()) {
      MappingReader.of(item, problems, PolicyLoader.RULE_KEYS, "a rule")
          .flatMap(this::rule)
          .ifPresent(rules::add);
    }
    return rules;
  }

  private Optional<Rule> rule(MappingReader r) {
    Optional<String> id = r.requiredString("id", "a rule");
    id.filter(i -> !ID.matcher(i).matches())
        .ifPresent(
            i ->
                problems.add(
                    r.locationOf("id"),
                    "rule id '" + i + "' must be 1-64 letters, digits, '_', '.' or '-'"));
    id.ifPresent(
        i -> {
          Location earlier = ids.putIfAbsent(i, r.locationOf("id"));
          if (earlier != null) {
            problems.add(r.locationOf("id"), "rule id '" + i + "' is already used at " + earlier);
          }
        });
    if (!r.has("tools") && !r.has("prompts") && !r.has("resources")) {
      problems.add(
          r.location(),
          "a rule needs 'tools', 'prompts' or 'resources' (use [\"*\"] for every tool)");
    }
    List<Glob> tools = r.strings("tools").stream().map(Glob::of).toList();
    List<Glob> prompts = r.strings("prompts").stream().map(Glob::of).toList();
    List<Glob> resources = r.strings("resources").stream().map(Glob::of).toList();
    List<Glob> agents = r.strings("agents").stream().map(Glob::of).toList();
    Set<String> roles = Set.copyOf(r.strings("roles"));
    List<Glob> upstreams = r.strings("upstreams").stream().map(Glob::of).toList();
    Optional<Condition> when = r.node("when").flatMap(conditions::read);
    if (!r.has("action")) {
      problems.add(r.location(), "a rule needs 'action' (allow, deny, approve or redact)");
    }
    Optional<Action> action = r.oneOf("action", PolicyLoader.RULE_ACTIONS);
    List<Detector> redact = redact(r, action);
    Optional<Mode> mode = r.oneOf("mode", Map.of("enforce", Mode.ENFORCE, "shadow", Mode.SHADOW));
    List<String> approvers = r.strings("approvers");
    if (!approvers.isEmpty() && action.filter(a -> a == Action.APPROVE).isEmpty()) {
      problems.add(r.locationOf("approvers"), "'approvers' only makes sense with action: approve");
    }
    Optional<RateLimit.Per> per =
        r.oneOf(
            "per",
            Map.of(
                "agent",
                RateLimit.Per.AGENT,
                "tool",
                RateLimit.Per.TOOL,
                "rule",
                RateLimit.Per.RULE));
    Optional<dev.gatehouse.shield.rate.Rate> rate = r.string("rate").flatMap(text -> rate(text, r));
    if (per.isPresent() && !r.has("rate")) {
      problems.add(r.locationOf("per"), "'per' only makes sense with 'rate'");
    }
    if (id.isEmpty()
        || action.isEmpty()
        || (tools.isEmpty() && prompts.isEmpty() && resources.isEmpty())) {
      return Optional.empty();
    }
    return Optional.of(
        new Rule(
            id.get(),
            r.location(),
            tools,
            prompts,
            resources,
            agents,
            roles,
            upstreams,
            when,
            action.get(),
            mode.orElse(Mode.ENFORCE) == Mode.SHADOW,
            r.string("reason"),
            approvers,
            rate.map(value -> new RateLimit(id.get(), value, per.orElse(RateLimit.Per.AGENT))),
            redact));
  }

  /** {@code redact:} names what an {@code action: redact} rule masks; no other action takes it. */
  private List<Detector> redact(MappingReader r, Optional<Action> action) {
    boolean redacting = action.filter(a -> a == Action.REDACT).isPresent();
    if (!r.has("redact")) {
      if (redacting) {
        problems.add(
            r.location(),
            "a rule with action: redact needs 'redact' (the detectors or sets to mask, e.g."
                + " [secrets, pii])");
      }
      return List.of();
    }
    if (action.isPresent() && !redacting) {
      problems.add(r.locationOf("redact"), "'redact' only makes sense with action: redact");
    }
    return conditions.detectorList(r, "redact").orElse(List.of());
  }

  private Optional<dev.gatehouse.shield.rate.Rate> rate(String text, MappingReader r) {
    Optional<dev.gatehouse.shield.rate.Rate> rate = dev.gatehouse.shield.rate.Rate.parse(text);
    if (rate.isEmpty()) {
      problems.add(
          r.locationOf("rate"),
          "'rate' must be like 30/minute (per second, minute, hour or day), found '" + text + "'");
    }
    return rate;
  }

  private enum Mode {
    ENFORCE,
    SHADOW
  }
}
