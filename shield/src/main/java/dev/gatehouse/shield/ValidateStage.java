package dev.gatehouse.shield;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks a call's arguments against the tool's {@code inputSchema} before anything else looks at
 * them, and refuses undeclared ("ghost") arguments: a top-level argument must be named in {@code
 * properties} or match {@code patternProperties}, unless the schema says {@code
 * additionalProperties: true} (or gives a schema for them). A prompt's arguments are checked
 * against its declared arguments ({@link PromptArguments}).
 */
public final class ValidateStage implements Stage {
  private static final int MAX_LISTED = 20;

  private final JsonSchemaValidator validator;

  public ValidateStage(JsonSchemaValidator validator) {
    this.validator = validator;
  }

  @Override
  public Outcome apply(ToolCall call, Chain chain) {
    if (call.resolved() instanceof PromptDefinition prompt) {
      return PromptArguments.problem(prompt, call.arguments())
          .<Outcome>map(why -> Outcome.Denied.of(Outcome.Kind.INVALID_ARGUMENTS, why))
          .orElseGet(() -> chain.proceed(call));
    }
    if (call.resolvedTool().isEmpty()) {
      return chain.proceed(call); // a resource read carries no arguments to check
    }
    ToolDefinition target = call.resolvedTool().get();
    Map<String, Object> schema = target.tool().inputSchema();
    List<String> ghosts = undeclared(schema, call.arguments());
    if (!ghosts.isEmpty()) {
      return Outcome.Denied.of(
          Outcome.Kind.INVALID_ARGUMENTS,
          "tool "
              + call.tool()
              + " does not declare the argument"
              + (ghosts.size() > 1 ? "s " : " ")
              + String.join(", ", ghosts)
              + "; declared: "
              + declared(schema));
    }
    JsonSchemaValidator.ValidationResponse response = validator.validate(schema, call.arguments());
    if (!response.valid()) {
      return Outcome.Denied.of(
          Outcome.Kind.INVALID_ARGUMENTS,
          "the arguments do not match the input schema of "
              + call.tool()
              + ": "
              + response.errorMessage());
    }
    return chain.proceed(call);
  }

  private List<String> undeclared(Map<String, Object> schema, JsonNode arguments) {
    Object additional = schema.get("additionalProperties");
    if (Boolean.TRUE.equals(additional) || additional instanceof Map) {
      return List.of();
    }
    Map<?, ?> properties = schema.get("properties") instanceof Map<?, ?> p ? p : Map.of();
    List<Pattern> patterns = patterns(schema);
    List<String> ghosts = new ArrayList<>();
    for (Iterator<String> names = arguments.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!properties.containsKey(name)
          && patterns.stream().noneMatch(p -> p.matcher(name).find())) {
        ghosts.add(quote(name));
      }
    }
    return listed(ghosts);
  }

  private static List<Pattern> patterns(Map<String, Object> schema) {
    if (!(schema.get("patternProperties") instanceof Map<?, ?> patternProperties)) {
      return List.of();
    }
    List<Pattern> patterns = new ArrayList<>();
    for (Object key : patternProperties.keySet()) {
      try {
        patterns.add(Pattern.compile(String.valueOf(key)));
      } catch (PatternSyntaxException e) {
        // an unusable pattern declares nothing
      }
    }
    return patterns;
  }

  private String declared(Map<String, Object> schema) {
    if (!(schema.get("properties") instanceof Map<?, ?> properties) || properties.isEmpty()) {
      return "none";
    }
    return String.join(", ", properties.keySet().stream().map(String::valueOf).sorted().toList());
  }

  /** The names a refusal lists: the first {@value #MAX_LISTED}. */
  static List<String> listed(List<String> names) {
    return names.size() > MAX_LISTED ? names.subList(0, MAX_LISTED) : names;
  }

  /** An argument's name as a refusal shows it: quoted, long ones cut. */
  static String quote(String name) {
    String shown = name.length() > 64 ? name.substring(0, 64) + "..." : name;
    return "'" + shown + "'";
  }
}
