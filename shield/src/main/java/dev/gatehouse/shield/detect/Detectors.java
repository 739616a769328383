package dev.gatehouse.shield.detect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.gatehouse.shield.Finding;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The detectors a gateway knows, looked up by name or set, and the scans that use them. */
public final class Detectors {
  private final Map<String, Detector> byName = new LinkedHashMap<>();
  private final Prefilter prefilter;

  public Detectors(Collection<? extends Detector> detectors) {
    for (Detector detector : detectors) {
      if (byName.putIfAbsent(detector.name(), detector) != null) {
        throw new IllegalArgumentException("two detectors are named " + detector.name());
      }
    }
    prefilter = new Prefilter(List.copyOf(byName.values()));
  }

  /** Every detector Gatehouse ships. */
  public static Detectors builtIn() {
    return BuiltIn.INSTANCE;
  }

  public List<Detector> all() {
    return List.copyOf(byName.values());
  }

  public Optional<Detector> byName(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  public List<Detector> bySet(DetectorSet set) {
    return byName.values().stream().filter(detector -> detector.set() == set).toList();
  }

  /**
   * The detectors a rule names: each word is a detector's name or a set's key.
   *
   * @return empty when a word names neither
   */
  public Optional<List<Detector>> select(Collection<String> words) {
    List<Detector> selected = new ArrayList<>();
    for (String word : words) {
      Optional<DetectorSet> set = DetectorSet.byKey(word);
      if (set.isPresent()) {
        bySet(set.get()).stream().filter(d -> !selected.contains(d)).forEach(selected::add);
      } else if (byName.containsKey(word)) {
        if (!selected.contains(byName.get(word))) {
          selected.add(byName.get(word));
        }
      } else {
        return Optional.empty();
      }
    }
    return Optional.of(List.copyOf(selected));
  }

  /** Every word a rule may use: detector names and set keys. */
  public List<String> words() {
    List<String> words = new ArrayList<>();
    for (DetectorSet set : DetectorSet.values()) {
      words.add(set.key());
    }
    words.addAll(byName.keySet());
    return words;
  }

  /**
   * The strings of a JSON tree, ready for these detectors (and any other, which then runs on every
   * string) to be run over them.
   */
  public JsonStrings strings(JsonNode node) {
    return new JsonStrings(node, prefilter);
  }

  /**
   * Runs the detectors over every string (values and object keys) in a JSON tree.
   *
   * @return one finding per detector and JSON Pointer, in document order
   */
  public static List<Finding> scan(JsonNode node, Collection<Detector> detectors) {
    return builtIn().strings(node).findings(detectors);
  }

  /** Finds every match of the detectors in one text. */
  public static List<Located> find(String text, Collection<Detector> detectors) {
    Prefilter prefilter = builtIn().prefilter;
    long candidates = prefilter.candidates(text);
    List<Located> found = new ArrayList<>();
    for (Detector detector : detectors) {
      if ((candidates & prefilter.bitOf(detector)) == 0) {
        continue;
      }
      for (Match match : detector.find(text)) {
        found.add(new Located(detector.name(), match));
      }
    }
    found.sort(Comparator.comparingInt((Located l) -> l.match().start()));
    return found;
  }

  /** Replaces every match in a text by {@code [REDACTED:<detector>]}; overlapping matches merge. */
  public static String redact(String text, Collection<Detector> detectors) {
    List<Located> found = find(text, detectors);
    if (found.isEmpty()) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int written = 0;
    for (Located located : found) {
      Match match = located.match();
      if (match.start() < written) {
        continue;
      }
      out.append(text, written, match.start())
          .append("[REDACTED:")
          .append(located.detector())
          .append(']');
      written = match.end();
    }
    return out.append(text, written, text.length()).toString();
  }

  /** A copy of a JSON tree with every string value redacted; keys are kept as they are. */
  public static JsonNode redact(JsonNode node, Collection<Detector> detectors) {
    if (node == null) {
      return null;
    }
    if (node.isTextual()) {
      String redacted = redact(node.textValue(), detectors);
      return redacted.equals(node.textValue()) ? node : TextNode.valueOf(redacted);
    }
    if (node.isObject()) {
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      node.properties().forEach(e -> copy.set(e.getKey(), redact(e.getValue(), detectors)));
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = JsonNodeFactory.instance.arrayNode();
      node.forEach(element -> copy.add(redact(element, detectors)));
      return copy;
    }
    return node;
  }

  /** A match and the detector that made it. */
  public record Located(String detector, Match match) {}

  private static final class BuiltIn {
    static final Detectors INSTANCE = new Detectors(BuiltInDetectors.all());
  }
}
