package dev.gatehouse.shield.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.gatehouse.shield.detect.Detector;
import dev.gatehouse.shield.detect.Detectors;
import dev.gatehouse.shield.yaml.MappingReader;
import dev.gatehouse.shield.yaml.Problems;
import dev.gatehouse.shield.yaml.YamlNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads a rule's {@code when:} — a list of conditions that must all hold. Each is {@code {arg:
 * /pointer, <operator>: value}}, {@code {detect: [names or sets], arg: /optional/pointer}}, or
 * {@code {all: [...]}}, {@code {any: [...]}}, {@code {not: ...}}.
 */
final class ConditionReader {
  private static final Set<String> OPERATORS = new HashSet<>();

  static {
    Arrays.stream(Condition.Operator.values()).forEach(op -> OPERATORS.add(op.word));
  }

  private final Problems problems;
  private final Detectors detectors;

  ConditionReader(Problems problems, Detectors detectors) {
    this.problems = problems;
    this.detectors = detectors;
  }

  Optional<Condition> read(YamlNode node) {
    if (node instanceof YamlNode.Sequence list) {
      List<Condition> all = new ArrayList<>();
      list.items().forEach(item -> one(item).ifPresent(all::add));
      return all.size() == 1 ? Optional.of(all.get(0)) : Optional.of(new Condition.All(all));
    }
    return one(node);
  }

  private Optional<Condition> one(YamlNode node) {
    if (!(node instanceof YamlNode.Mapping mapping)) {
      problems.add(node.location(), "a condition must be a mapping, found " + node.kind());
      return Optional.empty();
    }
    if (mapping.get("all").isPresent() || mapping.get("any").isPresent()) {
      boolean all = mapping.get("all").isPresent();
      MappingReader reader = new MappingReader(mapping, problems, Set.of(all ? "all" : "any"));
      YamlNode items = reader.node(all ? "all" : "any").orElseThrow();
      if (!(items instanceof YamlNode.Sequence list)) {
        problems.add(
            items.location(), "'" + (all ? "all" : "any") + "' takes a list of conditions");
        return Optional.empty();
      }
      List<Condition> parts = new ArrayList<>();
      list.items().forEach(item -> one(item).ifPresent(parts::add));
      return Optional.of(all ? new Condition.All(parts) : new Condition.Any(parts));
    }
    if (mapping.get("not").isPresent()) {
      MappingReader reader = new MappingReader(mapping, problems, Set.of("not"));
      return one(reader.node("not").orElseThrow()).map(Condition.Not::new);
    }
    if (mapping.get("detect").isPresent()) {
      return detect(new MappingReader(mapping, problems, Set.of("detect", "arg")));
    }
    Set<String> allowed = new HashSet<>(OPERATORS);
    allowed.add("arg");
    MappingReader reader = new MappingReader(mapping, problems, allowed);
    Optional<String> pointer = reader.requiredString("arg", "a condition");
    List<YamlNode.Entry> operators =
        mapping.entries().stream().filter(e -> OPERATORS.contains(e.key().value())).toList();
    if (operators.size() != 1) {
      problems.add(
          mapping.location(),
          "a condition needs exactly one operator ("
              + String.join(", ", OPERATORS.stream().sorted().toList())
              + "), found "
              + operators.size());
      return Optional.empty();
    }
    if (pointer.isEmpty()) {
      return Optional.empty();
    }
    if (!pointer.get().isEmpty() && !pointer.get().startsWith("/")) {
      problems.add(reader.locationOf("arg"), "'arg' must be a JSON Pointer such as /path/to/field");
      return Optional.empty();
    }
    YamlNode.Entry entry = operators.get(0);
    Condition.Operator operator =
        Arrays.stream(Condition.Operator.values())
            .filter(o -> o.word.equals(entry.key().value()))
            .findFirst()
            .orElseThrow();
    return test(pointer.get(), operator, entry.value());
  }

  private Optional<Condition> detect(MappingReader reader) {
    Optional<String> pointer = reader.string("arg");
    if (pointer.filter(p -> !p.isEmpty() && !p.startsWith("/")).isPresent()) {
      problems.add(reader.locationOf("arg"), "'arg' must be a JSON Pointer such as /path/to/field");
      return Optional.empty();
    }
    Optional<List<Detector>> selected = detectorList(reader, "detect");
    return selected.map(list -> new Condition.Detect(pointer, list));
  }

  /**
   * The detectors named under {@code key}: a name or set key, or a list of them.
   *
   * @return empty, with a problem reported, when a word names no detector
   */
  Optional<List<Detector>> detectorList(MappingReader reader, String key) {
    List<String> words = reader.strings(key);
    if (words.isEmpty()) {
      problems.add(
          reader.locationOf(key), "'" + key + "' takes a detector name or set, or a list of them");
      return Optional.empty();
    }
    List<YamlNode> items =
        reader.node(key).orElseThrow() instanceof YamlNode.Sequence list
            ? list.items()
            : List.of(reader.node(key).orElseThrow());
    boolean known = true;
    for (YamlNode item : items) {
      if (item instanceof YamlNode.Scalar word
          && detectors.select(List.of(word.value())).isEmpty()) {
        problems.add(
            word.location(),
            "unknown detector '"
                + word.value()
                + "'"
                + MappingReader.suggestion(word.value(), detectors.words()));
        known = false;
      }
    }
    return known ? detectors.select(words) : Optional.empty();
  }

  private Optional<Condition> test(String pointer, Condition.Operator operator, YamlNode value) {
    JsonNode expected = json(value);
    Pattern pattern = null;
    switch (operator) {
      case IN -> {
        if (!expected.isArray()) {
          problems.add(value.location(), "'in' takes a list of values");
          return Optional.empty();
        }
      }
      case LT, LE, GT, GE -> {
        if (!expected.isNumber()) {
          problems.add(value.location(), "'" + operator.word + "' takes a number");
          return Optional.empty();
        }
      }
      case EXISTS -> {
        if (!expected.isBoolean()) {
          problems.add(value.location(), "'exists' takes true or false");
          return Optional.empty();
        }
      }
      case MATCHES -> {
        try {
          pattern = Pattern.compile(expected.asText());
        } catch (PatternSyntaxException e) {
          problems.add(value.location(), "bad regular expression: " + e.getDescription());
          return Optional.empty();
        }
      }
      case GLOB -> pattern = Glob.of(expected.asText()).pattern();
      default -> {
        if (!expected.isValueNode()) {
          problems.add(value.location(), "'" + operator.word + "' takes a single value");
          return Optional.empty();
        }
      }
    }
    return Optional.of(new Condition.Test(pointer, operator, expected, pattern));
  }

  /** A YAML value as JSON: plain scalars that look like numbers or booleans become those. */
  static JsonNode json(YamlNode node) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    return switch (node) {
      case YamlNode.Scalar s -> {
        if (s.isNull()) {
          yield f.nullNode();
        }
        if (!s.quoted()) {
          if (s.value().equals("true") || s.value().equals("false")) {
            yield f.booleanNode(Boolean.parseBoolean(s.value()));
          }
          try {
            yield f.numberNode(new java.math.BigDecimal(s.value()));
          } catch (NumberFormatException notANumber) {
            // a plain string
          }
        }
        yield f.textNode(s.value());
      }
      case YamlNode.Sequence seq -> {
        var array = f.arrayNode();
        seq.items().forEach(item -> array.add(json(item)));
        yield array;
      }
      case YamlNode.Mapping map -> {
        var object = f.objectNode();
        map.entries().forEach(e -> object.set(e.key().value(), json(e.value())));
        yield object;
      }
    };
  }
}
