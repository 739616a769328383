package dev.gatehouse.shield.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.shield.Finding;
import dev.gatehouse.shield.detect.Detector;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A test on a call's arguments, addressed by JSON Pointer, or a detector scan of them; combined
 * with all / any / not.
 */
public sealed interface Condition {
  /**
   * Regex and glob tests look at no more than this many characters of a value, and give up (the
   * call is refused) after {@link BoundedInput#BUDGET} character reads.
   */
  int MAX_MATCHED_CHARS = 64 * 1024;

  boolean test(Scan scan);

  record All(List<Condition> conditions) implements Condition {
    @Override
    public boolean test(Scan scan) {
      return conditions.stream().allMatch(c -> c.test(scan));
    }
  }

  record Any(List<Condition> conditions) implements Condition {
    @Override
    public boolean test(Scan scan) {
      return conditions.stream().anyMatch(c -> c.test(scan));
    }
  }

  record Not(Condition condition) implements Condition {
    @Override
    public boolean test(Scan scan) {
      return !condition.test(scan);
    }
  }

  /**
   * Holds when any of the detectors finds something in the arguments, or under {@code pointer} when
   * one is given. Every detector of the list runs, so the decision reports all they found.
   */
  record Detect(Optional<String> pointer, List<Detector> detectors) implements Condition {
    @Override
    public boolean test(Scan scan) {
      boolean found = false;
      for (Detector detector : detectors) {
        for (Finding finding : scan.findings(detector)) {
          found |= pointer.map(p -> within(finding.pointer(), p)).orElse(true);
        }
      }
      return found;
    }

    private static boolean within(String found, String pointer) {
      return found.equals(pointer) || found.startsWith(pointer + "/");
    }
  }

  /**
   * One test of the value at {@code pointer}. A missing value fails every test but exists: false.
   */
  record Test(String pointer, Operator operator, JsonNode expected, Pattern pattern)
      implements Condition {
    @Override
    public boolean test(Scan scan) {
      JsonNode value = scan.arguments().at(pointer);
      if (operator == Operator.EXISTS) {
        return !value.isMissingNode() == expected.asBoolean(true);
      }
      if (value.isMissingNode()) {
        return false;
      }
      return switch (operator) {
        case EQUALS -> same(value, expected);
        case IN -> {
          for (JsonNode option : expected) {
            if (same(value, option)) {
              yield true;
            }
          }
          yield false;
        }
        case MATCHES ->
            value.isValueNode()
                && pattern.matcher(new BoundedInput(bounded(value.asText()))).find();
        case GLOB ->
            value.isValueNode()
                && pattern.matcher(new BoundedInput(bounded(value.asText()))).matches();
        case PREFIX -> value.isTextual() && value.asText().startsWith(expected.asText());
        case CONTAINS -> contains(value, expected);
        case LT -> value.isNumber() && value.asDouble() < expected.asDouble();
        case LE -> value.isNumber() && value.asDouble() <= expected.asDouble();
        case GT -> value.isNumber() && value.asDouble() > expected.asDouble();
        case GE -> value.isNumber() && value.asDouble() >= expected.asDouble();
        case EXISTS -> throw new IllegalStateException("handled above");
      };
    }

    private static boolean same(JsonNode value, JsonNode expected) {
      if (value.isNumber() && expected.isNumber()) {
        return value.decimalValue().compareTo(expected.decimalValue()) == 0;
      }
      if (value.isValueNode() && expected.isTextual()) {
        return value.asText().equals(expected.asText());
      }
      return value.equals(expected);
    }

    private static boolean contains(JsonNode value, JsonNode expected) {
      if (value.isArray()) {
        for (JsonNode item : value) {
          if (same(item, expected)) {
            return true;
          }
        }
        return false;
      }
      return value.isTextual() && value.asText().contains(expected.asText());
    }

    private static String bounded(String text) {
      return text.length() > MAX_MATCHED_CHARS ? text.substring(0, MAX_MATCHED_CHARS) : text;
    }
  }

  /** The operators of a test, as written in policy files. */
  enum Operator {
    EQUALS("equals"),
    IN("in"),
    MATCHES("matches"),
    GLOB("glob"),
    PREFIX("prefix"),
    CONTAINS("contains"),
    EXISTS("exists"),
    LT("lt"),
    LE("le"),
    GT("gt"),
    GE("ge");

    final String word;

    Operator(String word) {
      this.word = word;
    }
  }
}
