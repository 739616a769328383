package dev.gatehouse.connectors.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.shield.redact.SecretRedactor;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTTP response as a tool result: a JSON object becomes {@code structuredContent} (an array is
 * wrapped as {@code {"items": [...]}}) plus its text, other text stays text, binary is described in
 * a line. A status outside 2xx is an error result with the status and the start of the body.
 * Wherever a body is cut (at {@code max_response_bytes}, or an error body at its first 2000
 * characters), the cut moves back to before any beginning of a vault secret it would leave behind:
 * the egress guard masks whole secrets only.
 */
final class ResponseRenderer {
  private static final Pattern CHARSET = Pattern.compile("(?i)charset=\"?([^\";\\s]+)");
  private static final int ERROR_BODY_CHARS = 2000;
  private static final com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>> MAP =
      new com.fasterxml.jackson.core.type.TypeReference<>() {};

  private final ObjectMapper mapper;
  private final long maxBytes;
  private final Supplier<SecretRedactor> secrets;

  ResponseRenderer(ObjectMapper mapper, long maxBytes, Supplier<SecretRedactor> secrets) {
    this.mapper = mapper;
    this.maxBytes = maxBytes;
    this.secrets = secrets;
  }

  /**
   * @param derived credentials derived from secrets (such as a Basic header's base64 form) that the
   *     vault's redaction cannot recognise, mapped to their replacement; scrubbed from the body
   */
  McpSchema.CallToolResult render(Response response, Map<String, String> derived) {
    String type = mediaType(response.contentType());
    java.util.function.UnaryOperator<String> scrub =
        text -> {
          String out = text;
          for (Map.Entry<String, String> d : derived.entrySet()) {
            out = out.replace(d.getKey(), d.getValue());
          }
          return out;
        };
    java.util.function.Function<Response, String> shown =
        r -> withMarker(cutSafely(scrub.apply(decoded(r)), r.truncated(), derived), r);
    if (!response.isSuccess()) {
      String body = isText(type) ? trim(shown.apply(response), derived) : describe(response, type);
      String line = "HTTP " + response.status() + (body.isBlank() ? "" : ": " + body);
      return error(line);
    }
    if (response.body().length == 0) {
      return result("HTTP " + response.status() + " (no content)", null);
    }
    if (isJson(type) && !response.truncated()) {
      try {
        String text = scrub.apply(new String(response.body(), charset(response.contentType())));
        JsonNode tree = mapper.readTree(text);
        if (tree.isObject()) {
          return result(text, mapper.convertValue(tree, MAP));
        }
        if (tree.isArray()) {
          return result(text, Map.of("items", mapper.convertValue(tree, List.class)));
        }
        return result(text, null);
      } catch (IOException notJson) {
        return result(shown.apply(response), null);
      }
    }
    if (isText(type)) {
      return result(shown.apply(response), null);
    }
    return result(describe(response, type), null);
  }

  static McpSchema.CallToolResult error(String text) {
    return new McpSchema.CallToolResult(List.of(new McpSchema.TextContent(text)), true, null, null);
  }

  private static McpSchema.CallToolResult result(String text, Object structured) {
    return new McpSchema.CallToolResult(
        List.of(new McpSchema.TextContent(text)), false, structured, null);
  }

  private String withMarker(String text, Response response) {
    return response.truncated() ? text + "\n[truncated at " + maxBytes + " bytes]" : text;
  }

  private static String decoded(Response response) {
    return new String(response.body(), charset(response.contentType()));
  }

  /**
   * A body that was cut: without a character the cut split, and without any beginning of a secret
   * (a vault value in any of its forms, or a derived credential) left at its end.
   */
  private String cutSafely(String text, boolean wasCut, Map<String, String> derived) {
    if (!wasCut) {
      return text;
    }
    String whole = text.endsWith("\uFFFD") ? text.substring(0, text.length() - 1) : text;
    return whole.substring(0, safeEnd(whole, whole.length(), derived));
  }

  private int safeEnd(String text, int end, Map<String, String> derived) {
    return Math.min(
        secrets.get().safeEnd(text, end), SecretRedactor.safeEnd(text, end, derived.keySet()));
  }

  private String describe(Response response, String type) {
    String kind = type.isEmpty() ? "application/octet-stream" : type;
    return response.truncated()
        ? "more than " + maxBytes + " bytes of " + kind
        : response.body().length + " bytes of " + kind;
  }

  private String trim(String text, Map<String, String> derived) {
    String clean = text.strip();
    return clean.length() > ERROR_BODY_CHARS
        ? clean.substring(0, safeEnd(clean, ERROR_BODY_CHARS, derived)) + "..."
        : clean;
  }

  static String mediaType(String contentType) {
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
        .trim()
        .toLowerCase(Locale.ROOT);
  }

  static boolean isJson(String type) {
    return type.equals("application/json") || type.endsWith("+json");
  }

  static boolean isText(String type) {
    return type.isEmpty()
        || type.startsWith("text/")
        || isJson(type)
        || type.equals("application/xml")
        || type.endsWith("+xml")
        || type.equals("application/javascript")
        || type.equals("application/x-www-form-urlencoded")
        || type.equals("application/problem+json");
  }

  private static Charset charset(String contentType) {
    Matcher m = CHARSET.matcher(contentType);
    if (m.find()) {
      try {
        return Charset.forName(m.group(1));
      } catch (IllegalArgumentException unknown) {
        return StandardCharsets.UTF_8;
      }
    }
    return StandardCharsets.UTF_8;
  }
}
