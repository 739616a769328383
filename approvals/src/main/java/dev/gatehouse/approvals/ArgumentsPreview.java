package dev.gatehouse.approvals;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.gatehouse.shield.Finding;
import dev.gatehouse.shield.redact.SecretRedactor;
import java.util.List;
import java.util.function.Supplier;

/**
 * The arguments as approvers see them: every value a detector flagged replaced by {@code
 * [REDACTED:detector]}, every vault secret masked, pretty-printed, capped in length. Stored with
 * the request, so the CLI and Slack show the same text and the raw values are never kept.
 */
public final class ArgumentsPreview {
  static final int MAX_CHARS = 16 * 1024;

  private final ObjectMapper mapper;
  private final Supplier<SecretRedactor> secrets;

  public ArgumentsPreview(ObjectMapper mapper, Supplier<SecretRedactor> secrets) {
    this.mapper = mapper;
    this.secrets = secrets;
  }

  public String render(JsonNode arguments, List<Finding> findings) {
    JsonNode copy = arguments.deepCopy();
    for (Finding finding : findings) {
      copy = mask(copy, finding);
    }
    String text;
    try {
      text = mapper.writerWithDefaultPrettyPrinter().writeValueAsString(copy);
    } catch (JsonProcessingException e) {
      text = "(arguments cannot be shown)";
    }
    text = secrets.get().redact(text);
    return text.length() <= MAX_CHARS ? text : text.substring(0, MAX_CHARS) + "\n…(truncated)";
  }

  private static JsonNode mask(JsonNode root, Finding finding) {
    TextNode masked = TextNode.valueOf("[REDACTED:" + finding.detector() + "]");
    String pointer = finding.pointer();
    if (pointer.isEmpty()) {
      return masked;
    }
    com.fasterxml.jackson.core.JsonPointer path;
    try {
      path = com.fasterxml.jackson.core.JsonPointer.compile(pointer);
    } catch (IllegalArgumentException e) {
      return root;
    }
    JsonNode parent = root.at(path.head());
    String last = path.last().getMatchingProperty();
    if (parent instanceof ObjectNode object && object.has(last)) {
      object.set(last, masked);
    } else if (parent instanceof ArrayNode array) {
      int index = path.last().getMatchingIndex();
      if (index >= 0 && index < array.size()) {
        array.set(index, masked);
      }
    }
    return root;
  }
}
