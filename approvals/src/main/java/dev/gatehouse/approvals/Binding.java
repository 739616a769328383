package dev.gatehouse.approvals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an approval is for: this agent calling this tool with exactly these arguments under this
 * policy revision. A grant never covers a call that differs in any of them.
 *
 * @param argumentsDigest SHA-256 (hex) of the arguments as canonical JSON (object keys sorted)
 */
public record Binding(String agent, String tool, String argumentsDigest, String policyRevision) {

  public static Binding of(String agent, String tool, JsonNode arguments, String policyRevision) {
    return new Binding(agent, tool, digest(arguments), policyRevision);
  }

  /** The SHA-256 of the canonical form of {@code json}, in hex. */
  public static String digest(JsonNode json) {
    StringBuilder out = new StringBuilder();
    canonical(json, out);
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest(out.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  /** JSON with object keys in sorted order and no insignificant white space. */
  static void canonical(JsonNode node, StringBuilder out) {
    if (node.isObject()) {
      Map<String, JsonNode> sorted = new TreeMap<>();
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      fields.forEachRemaining(e -> sorted.put(e.getKey(), e.getValue()));
      out.append('{');
      boolean first = true;
      for (Map.Entry<String, JsonNode> e : sorted.entrySet()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        out.append(com.fasterxml.jackson.databind.node.TextNode.valueOf(e.getKey()));
        out.append(':');
        canonical(e.getValue(), out);
      }
      out.append('}');
    } else if (node.isArray()) {
      out.append('[');
      for (int i = 0; i < node.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        canonical(node.get(i), out);
      }
      out.append(']');
    } else {
      out.append(node);
    }
  }
}
