package dev.gatehouse.connectors.http;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP operation exposed as a tool: where each argument goes in the request.
 *
 * @param path a template starting with {@code /}, relative to the base URL; {@code {name}} takes
 *     the argument {@code name}, percent-encoded as one path segment
 * @param query arguments sent as query parameters (a list value repeats the parameter)
 * @param headers request header name to the argument that fills it
 * @param body which arguments make up the JSON request body
 * @param inputSchema the tool's input schema (JSON Schema as maps and lists)
 */
public record HttpTool(
    String name,
    Optional<String> description,
    String method,
    String path,
    List<String> query,
    Map<String, String> headers,
    Body body,
    Map<String, Object> inputSchema) {
  public HttpTool {
    query = List.copyOf(query);
    headers = Map.copyOf(headers);
    inputSchema = Map.copyOf(inputSchema);
  }

  /** The path parameters named in {@link #path()}, in order. */
  public List<String> pathParameters() {
    return PathTemplate.parameters(path);
  }

  /** How the request body is made. */
  public sealed interface Body {
    /** No body. */
    record None() implements Body {}

    /** A JSON object of the named arguments (those present). */
    record Fields(List<String> arguments) implements Body {
      public Fields {
        arguments = List.copyOf(arguments);
      }
    }

    /** A JSON object of every argument not used in the path, query or headers. */
    record Rest() implements Body {}

    /** The value of one argument, as the whole JSON body. */
    record Whole(String argument) implements Body {}
  }
}
