package dev.gatehouse.shield.yaml;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed, located access to one YAML mapping. Every wrong key or wrong type is added to the {@link
 * Problems} and a neutral value returned, so a loader can go on and find the next problem.
 */
public final class MappingReader {
  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

  private final YamlNode.Mapping mapping;
  private final Problems problems;

  /**
   * @param allowedKeys every key this mapping may have; others are reported with a suggestion
   */
  public MappingReader(YamlNode.Mapping mapping, Problems problems, Set<String> allowedKeys) {
    this.mapping = mapping;
    this.problems = problems;
    for (YamlNode.Entry entry : mapping.entries()) {
      String key = entry.key().value();
      if (!allowedKeys.contains(key)) {
        problems.add(entry.key().location(), unknownKey(key, allowedKeys));
      }
    }
  }

  /** Reads {@code node} as a mapping with the given keys, or reports what it is instead. */
  public static Optional<MappingReader> of(
      YamlNode node, Problems problems, Set<String> allowedKeys, String what) {
    if (node instanceof YamlNode.Mapping m) {
      return Optional.of(new MappingReader(m, problems, allowedKeys));
    }
    problems.add(node.location(), what + " must be a mapping, found " + node.kind());
    return Optional.empty();
  }

  public YamlNode.Mapping mapping() {
    return mapping;
  }

  public Problems problems() {
    return problems;
  }

  public Location location() {
    return mapping.location();
  }

  public boolean has(String key) {
    return mapping.get(key).isPresent();
  }

  public Optional<YamlNode> node(String key) {
    return mapping.get(key);
  }

  /** Where {@code key}'s value stands, or the mapping itself when the key is absent. */
  public Location locationOf(String key) {
    return mapping.get(key).map(YamlNode::location).orElse(mapping.location());
  }

  public Optional<YamlNode.Scalar> scalar(String key) {
    Optional<YamlNode> node = mapping.get(key);
    if (node.isEmpty()) {
      return Optional.empty();
    }
    if (node.get() instanceof YamlNode.Scalar s && !s.isNull()) {
      return Optional.of(s);
    }
    problems.add(
        node.get().location(), "'" + key + "' must be a value, found " + node.get().kind());
    return Optional.empty();
  }

  public Optional<String> string(String key) {
    return scalar(key).map(YamlNode.Scalar::value);
  }

  public String string(String key, String fallback) {
    return string(key).orElse(fallback);
  }

  /** A key that must be present. */
  public Optional<String> requiredString(String key, String what) {
    if (!has(key)) {
      problems.add(mapping.location(), what + " needs '" + key + "'");
      return Optional.empty();
    }
    return string(key);
  }

  public Optional<Integer> integer(String key, int min, int max) {
    return scalar(key)
        .flatMap(
            s -> {
              try {
                int value = Integer.parseInt(s.value().trim());
                if (value < min || value > max) {
                  problems.add(
                      s.location(),
                      "'" + key + "' must be between " + min + " and " + max + ", found " + value);
                  return Optional.empty();
                }
                return Optional.of(value);
              } catch (NumberFormatException e) {
                problems.add(
                    s.location(),
                    "'" + key + "' must be a whole number, found '" + s.value() + "'");
                return Optional.empty();
              }
            });
  }

  public Optional<Boolean> bool(String key) {
    return scalar(key)
        .flatMap(
            s ->
                switch (s.value()) {
                  case "true" -> Optional.of(true);
                  case "false" -> Optional.of(false);
                  default -> {
                    problems.add(
                        s.location(),
                        "'" + key + "' must be true or false, found '" + s.value() + "'");
                    yield Optional.empty();
                  }
                });
  }

  /** A duration written as {@code 250ms}, {@code 30s}, {@code 5m}, {@code 2h} or {@code 30d}. */
  public Optional<Duration> duration(String key) {
    return scalar(key).flatMap(s -> parseDuration(s, key, problems));
  }

  public static Optional<Duration> parseDuration(YamlNode.Scalar s, String key, Problems problems) {
    Matcher m = DURATION.matcher(s.value().trim());
    if (!m.matches()) {
      problems.add(
          s.location(),
          "'" + key + "' must be a duration like 30s, 5m or 2h, found '" + s.value() + "'");
      return Optional.empty();
    }
    long n = Long.parseLong(m.group(1));
    Duration d =
        switch (m.group(2)) {
          case "ms" -> Duration.ofMillis(n);
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          case "h" -> Duration.ofHours(n);
          default -> Duration.ofDays(n);
        };
    return Optional.of(d);
  }

  /** A list of strings; a single string is accepted as a list of one. */
  public List<String> strings(String key) {
    Optional<YamlNode> node = mapping.get(key);
    if (node.isEmpty()) {
      return List.of();
    }
    return stringList(node.get(), key, problems);
  }

  public static List<String> stringList(YamlNode node, String key, Problems problems) {
    if (node instanceof YamlNode.Scalar s && !s.isNull()) {
      return List.of(s.value());
    }
    if (!(node instanceof YamlNode.Sequence seq)) {
      problems.add(
          node.location(), "'" + key + "' must be a list of strings, found " + node.kind());
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (YamlNode item : seq.items()) {
      if (item instanceof YamlNode.Scalar s && !s.isNull()) {
        out.add(s.value());
      } else {
        problems.add(item.location(), "'" + key + "' items must be strings, found " + item.kind());
      }
    }
    return List.copyOf(out);
  }

  /** A mapping of string to string, in file order, with each value's location. */
  public Map<String, YamlNode.Scalar> stringMap(String key) {
    Optional<YamlNode> node = mapping.get(key);
    if (node.isEmpty()) {
      return Map.of();
    }
    if (!(node.get() instanceof YamlNode.Mapping m)) {
      problems.add(
          node.get().location(), "'" + key + "' must be a mapping, found " + node.get().kind());
      return Map.of();
    }
    Map<String, YamlNode.Scalar> out = new LinkedHashMap<>();
    for (YamlNode.Entry e : m.entries()) {
      if (e.value() instanceof YamlNode.Scalar s && !s.isNull()) {
        out.put(e.key().value(), s);
      } else {
        problems.add(
            e.value().location(),
            "'" + key + "." + e.key().value() + "' must be a value, found " + e.value().kind());
      }
    }
    return out;
  }

  /** Reports a value outside a closed set of words. */
  public <E extends Enum<E>> Optional<E> oneOf(String key, Map<String, E> words) {
    return scalar(key)
        .flatMap(
            s -> {
              E value = words.get(s.value());
              if (value == null) {
                problems.add(
                    s.location(),
                    "'"
                        + key
                        + "' must be one of "
                        + String.join(", ", words.keySet().stream().sorted().toList())
                        + ", found '"
                        + s.value()
                        + "'");
                return Optional.empty();
              }
              return Optional.of(value);
            });
  }

  static String unknownKey(String key, Set<String> allowed) {
    return "unknown key '" + key + "'" + suggestion(key, allowed);
  }

  /**
   * What to tell someone who wrote {@code word} where one of {@code known} was expected: the
   * closest, or all of them.
   */
  public static String suggestion(String word, java.util.Collection<String> known) {
    Optional<String> closest =
        known.stream()
            .filter(candidate -> editDistance(candidate, word) <= Math.max(2, word.length() / 3))
            .min(Comparator.comparingInt(candidate -> editDistance(candidate, word)));
    return closest
        .map(c -> " (did you mean '" + c + "'?)")
        .orElse(" (expected one of " + String.join(", ", known.stream().sorted().toList()) + ")");
  }

  static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] =
            Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
