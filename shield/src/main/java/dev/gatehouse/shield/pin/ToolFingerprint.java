package dev.gatehouse.shield.pin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The canonical form of a tool definition and its SHA-256. Canonical: the upstream's own tool name,
 * its description and its input schema, as JSON with object keys sorted at every depth, so that an
 * upstream reordering keys does not look like a change.
 *
 * @param canonicalJson pretty-printed, for showing a diff to a person
 * @param sha256 hex
 */
public record ToolFingerprint(String canonicalJson, String sha256) {
  private static final ObjectMapper CANONICAL =
      new ObjectMapper()
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .enable(SerializationFeature.INDENT_OUTPUT);

  /** Fingerprints {@code tool} under the name the upstream gives it. */
  public static ToolFingerprint of(String upstreamToolName, McpSchema.Tool tool) {
    ObjectNode definition = CANONICAL.createObjectNode();
    definition.put("name", upstreamToolName);
    definition.put("description", tool.description() == null ? "" : tool.description());
    definition.set("inputSchema", sorted(CANONICAL.valueToTree(tool.inputSchema())));
    try {
      String json = CANONICAL.writeValueAsString(sorted(definition));
      return new ToolFingerprint(json, sha256(json));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tool definition could not be serialized", e);
    }
  }

  private static JsonNode sorted(JsonNode node) {
    if (node instanceof ObjectNode object) {
      ObjectNode copy = CANONICAL.createObjectNode();
      java.util.List<String> names = new java.util.ArrayList<>();
      object.fieldNames().forEachRemaining(names::add);
      names.stream().sorted().forEach(name -> copy.set(name, sorted(object.get(name))));
      return copy;
    }
    if (node.isArray()) {
      com.fasterxml.jackson.databind.node.ArrayNode copy = CANONICAL.createArrayNode();
      node.forEach(item -> copy.add(sorted(item)));
      return copy;
    }
    return node;
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
