package dev.gatehouse.shield.detect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.shield.Finding;
import dev.gatehouse.shield.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Masks what detectors find in a result: every {@code text} field (tool content, embedded
 * resources, prompt messages, resource contents) and every string of {@code structuredContent}.
 * Each finding is recorded with a JSON Pointer into the result ({@code /result/content/0/text}),
 * never with the value.
 */
public final class ResultRedactor {
  private static final String POINTER = "/result";

  private final ObjectMapper mapper;

  public ResultRedactor(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  public Outcome redact(Outcome.Completed completed, List<Detector> detectors) {
    if (detectors.isEmpty()) {
      return completed;
    }
    ObjectNode tree = mapper.valueToTree(completed.result());
    List<Finding> found = new ArrayList<>();
    walk(tree, POINTER, detectors, found);
    if (found.isEmpty()) {
      return completed;
    }
    List<Finding> findings = new ArrayList<>(completed.findings());
    findings.addAll(found);
    try {
      return new Outcome.Completed(
          mapper.treeToValue(tree, completed.result().getClass()), findings);
    } catch (JsonProcessingException e) {
      return new Outcome.Denied(
          Outcome.Kind.INTERNAL,
          "the result held data a policy rule masks and could not be cleaned, so it was withheld",
          "",
          findings);
    }
  }

  private static void walk(
      JsonNode node, String pointer, List<Detector> detectors, List<Finding> found) {
    if (node instanceof ObjectNode object) {
      for (Map.Entry<String, JsonNode> field : List.copyOf(object.properties())) {
        String child = pointer + "/" + field.getKey().replace("~", "~0").replace("/", "~1");
        JsonNode value = field.getValue();
        if ((field.getKey().equals("text") && value.isTextual())
            || field.getKey().equals("structuredContent")) {
          clean(object, field.getKey(), child, detectors, found);
        } else {
          walk(value, child, detectors, found);
        }
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        walk(array.get(i), pointer + "/" + i, detectors, found);
      }
    }
  }

  private static void clean(
      ObjectNode parent,
      String field,
      String pointer,
      List<Detector> detectors,
      List<Finding> found) {
    JsonNode value = parent.get(field);
    List<Finding> here = Detectors.scan(value, detectors);
    if (here.isEmpty()) {
      return;
    }
    here.forEach(f -> found.add(new Finding(f.detector(), pointer + f.pointer())));
    parent.set(field, Detectors.redact(value, detectors));
  }
}
