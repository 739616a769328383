package dev.gatehouse.connectors.http.openapi;

import dev.gatehouse.shield.yaml.YamlNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** A located YAML tree as plain Java values (maps, lists, strings, numbers, booleans). */
public final class YamlValues {
  private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]*)");
  private static final Pattern DECIMAL =
      Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][-+]?[0-9]+)?");

  private YamlValues() {}

  public static Object toJava(YamlNode node) {
    return switch (node) {
      case YamlNode.Scalar s -> scalar(s);
      case YamlNode.Sequence seq -> {
        List<Object> items = new ArrayList<>();
        seq.items().forEach(item -> items.add(toJava(item)));
        yield items;
      }
      case YamlNode.Mapping m -> {
        Map<String, Object> out = new LinkedHashMap<>();
        m.entries().forEach(e -> out.put(e.key().value(), toJava(e.value())));
        yield out;
      }
    };
  }

  static Object scalar(YamlNode.Scalar s) {
    if (s.isNull()) {
      return null;
    }
    if (s.quoted()) {
      return s.value();
    }
    String v = s.value();
    if (v.equals("true") || v.equals("false")) {
      return Boolean.valueOf(v);
    }
    if (INTEGER.matcher(v).matches()) {
      try {
        return Long.parseLong(v);
      } catch (NumberFormatException tooLong) {
        return new java.math.BigInteger(v);
      }
    }
    if (DECIMAL.matcher(v).matches()) {
      return Double.parseDouble(v);
    }
    return v;
  }
}
