package dev.gatehouse.shield;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A prompt request's arguments against the prompt's declared {@code arguments}: MCP gives prompts
 * string arguments by name, some required. An argument the prompt does not declare, a required one
 * missing, or a value that is not a string is refused, as a tool's undeclared argument is.
 */
final class PromptArguments {
  private PromptArguments() {}

  /** Why the arguments are refused, or empty when they fit the prompt. */
  static Optional<String> problem(PromptDefinition prompt, JsonNode arguments) {
    List<McpSchema.PromptArgument> declared =
        prompt.prompt().arguments() == null ? List.of() : prompt.prompt().arguments();
    Set<String> names = new TreeSet<>();
    declared.forEach(a -> names.add(a.name()));
    List<String> ghosts = new ArrayList<>();
    List<String> notText = new ArrayList<>();
    for (Iterator<String> given = arguments.fieldNames(); given.hasNext(); ) {
      String name = given.next();
      if (!names.contains(name)) {
        ghosts.add(ValidateStage.quote(name));
      } else if (!arguments.get(name).isTextual()) {
        notText.add(ValidateStage.quote(name));
      }
    }
    String subject = "prompt " + prompt.exposedName();
    if (!ghosts.isEmpty()) {
      return Optional.of(
          subject
              + " does not declare the argument"
              + (ghosts.size() > 1 ? "s " : " ")
              + String.join(", ", ValidateStage.listed(ghosts))
              + "; declared: "
              + (names.isEmpty() ? "none" : String.join(", ", names)));
    }
    if (!notText.isEmpty()) {
      return Optional.of(
          subject
              + " takes text arguments; not text: "
              + String.join(", ", ValidateStage.listed(notText)));
    }
    List<String> missing =
        declared.stream()
            .filter(a -> Boolean.TRUE.equals(a.required()) && !arguments.has(a.name()))
            .map(a -> ValidateStage.quote(a.name()))
            .toList();
    if (!missing.isEmpty()) {
      return Optional.of(
          subject
              + " needs the argument"
              + (missing.size() > 1 ? "s " : " ")
              + String.join(", ", ValidateStage.listed(missing)));
    }
    return Optional.empty();
  }
}
