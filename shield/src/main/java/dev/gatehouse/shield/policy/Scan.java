package dev.gatehouse.shield.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.shield.Finding;
import dev.gatehouse.shield.detect.Detector;
import dev.gatehouse.shield.detect.Detectors;
import dev.gatehouse.shield.detect.JsonStrings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A call's arguments and what detectors found in them while one decision was made: each detector
 * runs over the arguments at most once per call, however many rules name it.
 */
public final class Scan {
  private final JsonNode arguments;
  private final Map<Detector, List<Finding>> found = new LinkedHashMap<>();
  private JsonStrings strings;

  public Scan(JsonNode arguments) {
    this.arguments = arguments;
  }

  public JsonNode arguments() {
    return arguments;
  }

  /** What {@code detector} finds anywhere in the arguments. */
  public List<Finding> findings(Detector detector) {
    return found.computeIfAbsent(detector, d -> strings().findings(d));
  }

  /** The arguments' strings, collected and prefiltered once, when a detector first needs them. */
  private JsonStrings strings() {
    if (strings == null) {
      strings = Detectors.builtIn().strings(arguments);
    }
    return strings;
  }

  /** Every finding of every detector that ran, in the order they ran. */
  public List<Finding> all() {
    List<Finding> all = new ArrayList<>();
    found.values().forEach(all::addAll);
    return List.copyOf(all);
  }
}
