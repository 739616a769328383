package dev.gatehouse.connectors.http.openapi;

import dev.gatehouse.shield.yaml.Problems;
import dev.gatehouse.shield.yaml.YamlNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Follows local {@code $ref}s ({@code #/components/...}) in an OpenAPI document and turns its
 * schemas into self-contained JSON Schema: references inlined (a recursive one becomes an open
 * schema), OpenAPI 3.0's {@code nullable} and boolean {@code exclusiveMinimum/Maximum} rewritten,
 * and documentation-only keywords dropped.
 */
final class SchemaResolver {
  private static final Set<String> DROPPED =
      Set.of("nullable", "example", "xml", "externalDocs", "discriminator", "$schema", "$id");
  private static final int MAX_DEPTH = 32;

  private final YamlNode root;
  private final Problems problems;
  private final boolean openApi30;

  SchemaResolver(YamlNode root, Problems problems, boolean openApi30) {
    this.root = root;
    this.problems = problems;
    this.openApi30 = openApi30;
  }

  /** Follows {@code $ref}s until a node that is not one; reports a bad reference. */
  Optional<YamlNode> deref(YamlNode node) {
    YamlNode current = node;
    for (int hops = 0; hops < MAX_DEPTH; hops++) {
      Optional<YamlNode.Scalar> ref = ref(current);
      if (ref.isEmpty()) {
        return Optional.of(current);
      }
      Optional<YamlNode> target = lookup(ref.get());
      if (target.isEmpty()) {
        return Optional.empty();
      }
      current = target.get();
    }
    problems.add(node.location(), "$ref chain is too long (a loop?)");
    return Optional.empty();
  }

  /** The schema at {@code node} as JSON Schema, every {@code $ref} inlined. */
  Map<String, Object> schema(YamlNode node) {
    Object converted = convert(node, new ArrayDeque<>(), 0);
    if (converted instanceof Map<?, ?> map) {
      @SuppressWarnings("unchecked")
      Map<String, Object> typed = (Map<String, Object>) map;
      return typed;
    }
    return new LinkedHashMap<>();
  }

  private Object convert(YamlNode node, Deque<String> refs, int depth) {
    if (depth > MAX_DEPTH * 4) {
      return new LinkedHashMap<String, Object>();
    }
    return switch (node) {
      case YamlNode.Scalar s -> YamlValues.scalar(s);
      case YamlNode.Sequence seq -> {
        List<Object> items = new ArrayList<>();
        seq.items().forEach(item -> items.add(convert(item, refs, depth + 1)));
        yield items;
      }
      case YamlNode.Mapping m -> mapping(m, refs, depth);
    };
  }

  private Object mapping(YamlNode.Mapping m, Deque<String> refs, int depth) {
    Optional<YamlNode.Scalar> ref = ref(m);
    Map<String, Object> out = new LinkedHashMap<>();
    if (ref.isPresent()) {
      String pointer = ref.get().value();
      if (refs.contains(pointer)) {
        out.put("description", "(recursive: " + pointer + ")");
        return out;
      }
      Optional<YamlNode> target = lookup(ref.get());
      if (target.isPresent()) {
        refs.push(pointer);
        Object resolved = convert(target.get(), refs, depth + 1);
        refs.pop();
        if (resolved instanceof Map<?, ?> map) {
          map.forEach((k, v) -> out.put(String.valueOf(k), v));
        }
      }
    }
    for (YamlNode.Entry e : m.entries()) {
      String key = e.key().value();
      if (key.equals("$ref") || (isSchemaKeywordDropped(key))) {
        continue;
      }
      if (key.equals("properties") && e.value() instanceof YamlNode.Mapping props) {
        Map<String, Object> converted = new LinkedHashMap<>();
        props
            .entries()
            .forEach(p -> converted.put(p.key().value(), convert(p.value(), refs, depth + 1)));
        out.put(key, converted);
        continue;
      }
      out.put(key, convert(e.value(), refs, depth + 1));
    }
    if (openApi30) {
      rewrite30(m, out);
    }
    return out;
  }

  private boolean isSchemaKeywordDropped(String key) {
    return DROPPED.contains(key);
  }

  private static void rewrite30(YamlNode.Mapping m, Map<String, Object> out) {
    boolean nullable =
        m.get("nullable")
            .filter(n -> n instanceof YamlNode.Scalar s && s.value().equals("true"))
            .isPresent();
    if (nullable && out.get("type") instanceof String type) {
      out.put("type", List.of(type, "null"));
    }
    for (String bound : List.of("Minimum", "Maximum")) {
      Object exclusive = out.get("exclusive" + bound);
      String plain = bound.toLowerCase(java.util.Locale.ROOT);
      if (Boolean.TRUE.equals(exclusive) && out.containsKey(plain)) {
        out.put("exclusive" + bound, out.remove(plain));
      } else if (exclusive instanceof Boolean) {
        out.remove("exclusive" + bound);
      }
    }
  }

  private static Optional<YamlNode.Scalar> ref(YamlNode node) {
    if (node instanceof YamlNode.Mapping m
        && m.get("$ref").orElse(null) instanceof YamlNode.Scalar s
        && !s.isNull()) {
      return Optional.of(s);
    }
    return Optional.empty();
  }

  private Optional<YamlNode> lookup(YamlNode.Scalar ref) {
    String pointer = ref.value();
    if (!pointer.startsWith("#")) {
      problems.add(
          ref.location(),
          "$ref '"
              + pointer
              + "' points outside this document; only local references (#/...) are"
              + " supported");
      return Optional.empty();
    }
    YamlNode current = root;
    String path = pointer.substring(1);
    if (path.isEmpty()) {
      return Optional.of(root);
    }
    if (!path.startsWith("/")) {
      problems.add(ref.location(), "$ref '" + pointer + "' is not a JSON Pointer");
      return Optional.empty();
    }
    for (String raw : path.substring(1).split("/", -1)) {
      String token =
          java.net.URLDecoder.decode(
                  raw.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8)
              .replace("~1", "/")
              .replace("~0", "~");
      Optional<YamlNode> next =
          switch (current) {
            case YamlNode.Mapping m -> m.get(token);
            case YamlNode.Sequence seq -> index(seq, token);
            case YamlNode.Scalar s -> Optional.empty();
          };
      if (next.isEmpty()) {
        problems.add(ref.location(), "$ref '" + pointer + "' points to nothing in this document");
        return Optional.empty();
      }
      current = next.get();
    }
    return Optional.of(current);
  }

  private static Optional<YamlNode> index(YamlNode.Sequence seq, String token) {
    try {
      int i = Integer.parseInt(token);
      return i >= 0 && i < seq.items().size() ? Optional.of(seq.items().get(i)) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
