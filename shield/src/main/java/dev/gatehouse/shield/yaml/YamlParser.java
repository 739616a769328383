package dev.gatehouse.shield.yaml;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads one YAML file into a {@link YamlNode} tree with locations. Syntax errors, duplicate keys,
 * anchors and non-string keys become {@link Problem}s; nothing is thrown for bad content except
 * {@link InvalidFileException}.
 */
public final class YamlParser {
  private static final int MAX_FILE_BYTES = 4 * 1024 * 1024;

  private YamlParser() {}

  /**
   * Parses a file.
   *
   * @return the document's root, or empty for an empty file
   * @throws InvalidFileException with every problem found
   */
  public static Optional<YamlNode> parse(Path file) {
    String name = file.toString();
    String text;
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw new InvalidFileException(
            List.of(new Problem(new Location(name, 1, 1), "file is larger than 4 MiB")));
      }
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InvalidFileException(
          List.of(new Problem(new Location(name, 1, 1), "cannot read file: " + e.getMessage())));
    }
    return parse(name, text);
  }

  /** Parses text that came from {@code name} (used in locations). */
  public static Optional<YamlNode> parse(String name, String text) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(true); // reported below, with both places
    options.setMaxAliasesForCollections(0);
    options.setCodePointLimit(MAX_FILE_BYTES);
    Yaml yaml = new Yaml(options);
    Node root;
    try (Reader reader = new StringReader(text)) {
      root = yaml.compose(reader);
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      String message = e.getProblem() != null ? e.getProblem() : e.getMessage();
      throw new InvalidFileException(List.of(new Problem(location(name, mark), message)));
    } catch (IOException | RuntimeException e) {
      throw new InvalidFileException(
          List.of(new Problem(new Location(name, 1, 1), "not valid YAML: " + e.getMessage())));
    }
    if (root == null) {
      return Optional.empty();
    }
    List<Problem> problems = new ArrayList<>();
    YamlNode tree = convert(name, root, problems);
    if (!problems.isEmpty()) {
      throw new InvalidFileException(problems);
    }
    return Optional.of(tree);
  }

  private static YamlNode convert(String file, Node node, List<Problem> problems) {
    Location location = location(file, node.getStartMark());
    return switch (node) {
      case ScalarNode scalar -> scalar(location, scalar);
      case SequenceNode sequence -> {
        List<YamlNode> items = new ArrayList<>();
        for (Node item : sequence.getValue()) {
          items.add(convert(file, item, problems));
        }
        yield new YamlNode.Sequence(location, List.copyOf(items));
      }
      case MappingNode mapping -> mapping(file, location, mapping, problems);
      default -> {
        problems.add(new Problem(location, "anchors and aliases are not supported"));
        yield new YamlNode.Scalar(location, "", false, true);
      }
    };
  }

  private static YamlNode.Mapping mapping(
      String file, Location location, MappingNode mapping, List<Problem> problems) {
    List<YamlNode.Entry> entries = new ArrayList<>();
    Map<String, Location> seen = new HashMap<>();
    for (NodeTuple tuple : mapping.getValue()) {
      Location keyLocation = location(file, tuple.getKeyNode().getStartMark());
      if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
        problems.add(new Problem(keyLocation, "a key must be plain text"));
        continue;
      }
      if ("<<".equals(keyNode.getValue()) && keyNode.getTag().equals(Tag.MERGE)) {
        problems.add(new Problem(keyLocation, "merge keys (<<) are not supported"));
        continue;
      }
      YamlNode.Scalar key = scalar(keyLocation, keyNode);
      Location earlier = seen.putIfAbsent(key.value(), keyLocation);
      if (earlier != null) {
        problems.add(
            new Problem(
                keyLocation,
                "duplicate key '" + key.value() + "' (first at line " + earlier.line() + ")"));
        continue;
      }
      entries.add(new YamlNode.Entry(key, convert(file, tuple.getValueNode(), problems)));
    }
    return new YamlNode.Mapping(location, List.copyOf(entries));
  }

  private static YamlNode.Scalar scalar(Location location, ScalarNode node) {
    boolean quoted = node.getScalarStyle() != org.yaml.snakeyaml.DumperOptions.ScalarStyle.PLAIN;
    boolean isNull = !quoted && node.getTag().equals(Tag.NULL);
    return new YamlNode.Scalar(location, isNull ? "" : node.getValue(), quoted, isNull);
  }

  private static Location location(String file, Mark mark) {
    if (mark == null) {
      return new Location(file, 1, 1);
    }
    return new Location(file, mark.getLine() + 1, mark.getColumn() + 1);
  }
}
