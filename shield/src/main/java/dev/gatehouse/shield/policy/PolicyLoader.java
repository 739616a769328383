package dev.gatehouse.shield.policy;

import dev.gatehouse.shield.detect.Detectors;
import dev.gatehouse.shield.yaml.InvalidFileException;
import dev.gatehouse.shield.yaml.Location;
import dev.gatehouse.shield.yaml.MappingReader;
import dev.gatehouse.shield.yaml.Problem;
import dev.gatehouse.shield.yaml.Problems;
import dev.gatehouse.shield.yaml.YamlNode;
import dev.gatehouse.shield.yaml.YamlParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Loads every {@code *.yaml} / {@code *.yml} file of a policy directory, in name order, into one
 * {@link PolicySet}. Every problem of every file is reported at once; a set with problems is never
 * returned.
 */
public final class PolicyLoader {
  static final Set<String> FILE_KEYS = Set.of("default", "rules", "tests");
  static final Set<String> RULE_KEYS =
      Set.of(
          "id",
          "tools",
          "prompts",
          "resources",
          "agents",
          "roles",
          "upstreams",
          "when",
          "action",
          "mode",
          "reason",
          "approvers",
          "rate",
          "per",
          "redact");
  static final Set<String> TEST_KEYS = Set.of("name", "call", "expect", "rule", "findings");
  static final Set<String> CALL_KEYS =
      Set.of("agent", "roles", "tool", "prompt", "resource", "upstream", "args");
  static final Map<String, Action> ACTIONS =
      Map.of("allow", Action.ALLOW, "deny", Action.DENY, "approve", Action.APPROVE);
  static final Map<String, Action> RULE_ACTIONS =
      Map.of(
          "allow",
          Action.ALLOW,
          "deny",
          Action.DENY,
          "approve",
          Action.APPROVE,
          "redact",
          Action.REDACT);

  private PolicyLoader() {}

  /**
   * Loads with the built-in detectors.
   *
   * @throws InvalidFileException with every problem found in every file
   */
  public static PolicySet load(Path directory) {
    return load(directory, Detectors.builtIn());
  }

  /**
   * @param detectors the detectors rules may name
   * @throws InvalidFileException with every problem found in every file
   */
  public static PolicySet load(Path directory, Detectors detectors) {
    return load(directory.toString(), read(directory), detectors);
  }

  /**
   * Reads the policy files of a directory, in name order: what {@link #load(Path)} compiles, for a
   * caller that keeps the contents (to share the set with other nodes).
   *
   * @return file name to content
   * @throws InvalidFileException when the directory or a file cannot be read
   */
  public static SortedMap<String, String> read(Path directory) {
    Problems problems = new Problems();
    SortedMap<String, String> contents = new TreeMap<>();
    for (Path file : files(directory)) {
      try {
        contents.put(
            directory.relativize(file).toString(), Files.readString(file, StandardCharsets.UTF_8));
      } catch (IOException e) {
        problems.add(
            new Location(file.toString(), 1, 1), "cannot read the file: " + e.getMessage());
      }
    }
    problems.throwIfAny();
    return contents;
  }

  /**
   * Compiles policy files given by content, exactly as if they were the files of a directory: same
   * checks, same revision for the same names and contents.
   *
   * @param origin where the files come from, shown before each file name in problems
   * @param files file name to content
   * @throws InvalidFileException with every problem found in every file
   */
  public static PolicySet load(
      String origin, SortedMap<String, String> files, Detectors detectors) {
    Problems problems = new Problems();
    List<Rule> rules = new ArrayList<>();
    List<PolicyTest> tests = new ArrayList<>();
    Map<String, Location> ids = new HashMap<>();
    Optional<Action> defaultAction = Optional.empty();
    Optional<Location> defaultAt = Optional.empty();
    MessageDigest revision = sha256();
    for (Map.Entry<String, String> file : files.entrySet()) {
      String name = file.getKey();
      String shown = origin.isEmpty() ? name : origin + java.io.File.separator + name;
      String text = file.getValue();
      revision.update((name + "\u0000" + text + "\u0000").getBytes(StandardCharsets.UTF_8));
      Optional<YamlNode> root;
      try {
        root = YamlParser.parse(shown, text);
      } catch (InvalidFileException e) {
        problems.addAll(e.problems());
        continue;
      }
      if (root.isEmpty()) {
        continue;
      }
      Optional<MappingReader> top =
          MappingReader.of(root.get(), problems, FILE_KEYS, "a policy file");
      if (top.isEmpty()) {
        continue;
      }
      Optional<Action> declared =
          top.get().oneOf("default", Map.of("allow", Action.ALLOW, "deny", Action.DENY));
      if (declared.isPresent()) {
        if (defaultAt.isPresent()) {
          problems.add(
              top.get().locationOf("default"),
              "'default' is already declared at "
                  + defaultAt.get()
                  + "; only one file of the set may declare it");
        } else {
          defaultAction = declared;
          defaultAt = Optional.of(top.get().locationOf("default"));
        }
      }
      new RuleReader(problems, ids, detectors).read(top.get()).forEach(rules::add);
      new TestReader(problems, detectors).read(top.get()).forEach(tests::add);
    }
    new Reachability(problems).check(rules);
    problems.throwIfAny();
    String rev = HexFormat.of().formatHex(revision.digest()).substring(0, 12);
    return new PolicySet(rules, defaultAction.orElse(Action.DENY), rev, tests);
  }

  private static List<Path> files(Path directory) {
    if (!Files.isDirectory(directory)) {
      throw new InvalidFileException(
          List.of(
              new Problem(
                  new Location(directory.toString(), 1, 1), "not a directory of policy files")));
    }
    try (Stream<Path> entries = Files.list(directory)) {
      return entries
          .filter(Files::isRegularFile)
          .filter(
              p ->
                  p.getFileName().toString().endsWith(".yaml")
                      || p.getFileName().toString().endsWith(".yml"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new InvalidFileException(
          List.of(
              new Problem(
                  new Location(directory.toString(), 1, 1),
                  "cannot list policy files: " + e.getMessage())));
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
