package dev.gatehouse.shield.policy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.gatehouse.shield.Feature;
import dev.gatehouse.shield.detect.Detectors;
import dev.gatehouse.shield.yaml.MappingReader;
import dev.gatehouse.shield.yaml.Problems;
import dev.gatehouse.shield.yaml.YamlNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads the {@code tests:} list of one policy file. */
final class TestReader {
  private final Problems problems;
  private final Detectors detectors;

  TestReader(Problems problems, Detectors detectors) {
    this.problems = problems;
    this.detectors = detectors;
  }

  List<PolicyTest> read(MappingReader file) {
    Optional<YamlNode> node = file.node("tests");
    if (node.isEmpty()) {
      return List.of();
    }
    if (!(node.get() instanceof YamlNode.Sequence list)) {
      problems.add(node.get().location(), "'tests' must be a list of test cases");
      return List.of();
    }
    List<PolicyTest> tests = new ArrayList<>();
    for (YamlNode item : list.items()) {
      MappingReader.of(item, problems, PolicyLoader.TEST_KEYS, "a test")
          .flatMap(this::test)
          .ifPresent(tests::add);
    }
    return tests;
  }

  private Optional<PolicyTest> test(MappingReader t) {
    Optional<String> name = t.requiredString("name", "a test");
    Optional<Action> expect = t.oneOf("expect", PolicyLoader.ACTIONS);
    if (!t.has("expect")) {
      problems.add(t.location(), "a test needs 'expect' (allow, deny or approve)");
    }
    Optional<MappingReader> call =
        t.node("call")
            .flatMap(n -> MappingReader.of(n, problems, PolicyLoader.CALL_KEYS, "'call'"));
    if (!t.has("call")) {
      problems.add(t.location(), "a test needs 'call'");
    }
    Optional<String> agent = call.flatMap(c -> c.requiredString("agent", "'call'"));
    Optional<Feature> feature = call.flatMap(this::feature);
    Optional<String> tool = call.flatMap(c -> feature.flatMap(f -> c.string(f.word())));
    if (name.isEmpty() || expect.isEmpty() || agent.isEmpty() || tool.isEmpty()) {
      return Optional.empty();
    }
    var args =
        call.flatMap(c -> c.node("args"))
            .map(ConditionReader::json)
            .orElse(JsonNodeFactory.instance.objectNode());
    if (!args.isObject()) {
      problems.add(call.get().locationOf("args"), "'args' must be a mapping");
      return Optional.empty();
    }
    String upstream =
        call.get()
            .string(
                "upstream",
                feature.get() != Feature.RESOURCE && tool.get().contains("__")
                    ? tool.get().substring(0, tool.get().indexOf("__"))
                    : "");
    return Optional.of(
        new PolicyTest(
            name.get(),
            t.location(),
            agent.get(),
            Set.copyOf(call.get().strings("roles")),
            feature.get(),
            tool.get(),
            upstream,
            args,
            expect.get(),
            t.string("rule"),
            findings(t)));
  }

  /** A call names exactly one of {@code tool}, {@code prompt} or {@code resource}. */
  private Optional<Feature> feature(MappingReader call) {
    List<Feature> named = Arrays.stream(Feature.values()).filter(f -> call.has(f.word())).toList();
    if (named.size() != 1) {
      problems.add(
          call.location(),
          "'call' needs exactly one of 'tool', 'prompt' or 'resource', found " + named.size());
      return Optional.empty();
    }
    return Optional.of(named.get(0));
  }

  /** {@code findings:} names detectors that must find something in the call's arguments. */
  private List<String> findings(MappingReader t) {
    List<String> names = t.strings("findings");
    for (String name : names) {
      if (detectors.byName(name).isEmpty()) {
        problems.add(
            t.locationOf("findings"),
            "unknown detector '"
                + name
                + "'"
                + MappingReader.suggestion(
                    name, detectors.all().stream().map(d -> d.name()).toList()));
      }
    }
    return names;
  }
}
