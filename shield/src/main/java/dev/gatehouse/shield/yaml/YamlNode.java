package dev.gatehouse.shield.yaml;

import java.util.List;
import java.util.Optional;

/** A YAML document as a tree whose every node knows where in the file it stands. */
public sealed interface YamlNode {
  Location location();

  /** A human word for the node's kind, for "expected X, found Y" messages. */
  String kind();

  /**
   * A scalar: text as written, with YAML's {@code null} ({@code ~}, empty, {@code null}) kept apart
   * from the string {@code "null"}.
   */
  record Scalar(Location location, String value, boolean quoted, boolean isNull)
      implements YamlNode {
    @Override
    public String kind() {
      return isNull ? "nothing" : "a scalar";
    }
  }

  /** A mapping, its entries in file order (duplicate keys are reported while parsing). */
  record Mapping(Location location, List<Entry> entries) implements YamlNode {
    public Optional<Entry> entry(String key) {
      return entries.stream().filter(e -> e.key().value().equals(key)).findFirst();
    }

    public Optional<YamlNode> get(String key) {
      return entry(key).map(Entry::value);
    }

    @Override
    public String kind() {
      return "a mapping";
    }
  }

  record Entry(Scalar key, YamlNode value) {}

  record Sequence(Location location, List<YamlNode> items) implements YamlNode {
    @Override
    public String kind() {
      return "a list";
    }
  }
}
