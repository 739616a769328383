package dev.gatehouse.shield.detect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.shield.Finding;
import dev.gatehouse.shield.Outcome;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.List;

/**
 * Masks what detectors find in a tool result: the text of each content item, the text of embedded
 * resources, and every string of the structured content. Each finding is recorded with a JSON
 * Pointer into the result ({@code /result/content/0/text}), never with the value.
 */
public final class ResultRedactor {
  private final ObjectMapper mapper;

  public ResultRedactor(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  public Outcome redact(Outcome.Completed completed, List<Detector> detectors) {
    if (detectors.isEmpty()) {
      return completed;
    }
    ObjectNode tree = mapper.valueToTree(completed.result());
    List<Finding> findings = new ArrayList<>(completed.findings());
    int before = findings.size();
    JsonNode content = tree.path("content");
    for (int i = 0; i < content.size(); i++) {
      if (content.get(i) instanceof ObjectNode item) {
        clean(item, "text", "/result/content/" + i + "/text", detectors, findings);
        if (item.get("resource") instanceof ObjectNode resource) {
          clean(resource, "text", "/result/content/" + i + "/resource/text", detectors, findings);
        }
      }
    }
    clean(tree, "structuredContent", "/result/structuredContent", detectors, findings);
    if (findings.size() == before) {
      return completed;
    }
    try {
      return new Outcome.Completed(
          mapper.treeToValue(tree, McpSchema.CallToolResult.class), findings);
    } catch (JsonProcessingException e) {
      return new Outcome.Denied(
          Outcome.Kind.INTERNAL,
          "the result held data a policy rule masks and could not be cleaned, so it was withheld",
          "",
          findings);
    }
  }

  private static void clean(
      ObjectNode parent,
      String field,
      String pointer,
      List<Detector> detectors,
      List<Finding> findings) {
    JsonNode value = parent.get(field);
    if (value == null || value.isNull()) {
      return;
    }
    List<Finding> found = Detectors.scan(value, detectors);
    if (found.isEmpty()) {
      return;
    }
    found.forEach(f -> findings.add(new Finding(f.detector(), pointer + f.pointer())));
    parent.set(field, Detectors.redact(value, detectors));
  }
}
