package dev.gatehouse.connectors;

import java.util.Optional;
import java.util.regex.Pattern;

/** How upstream tool names become the names agents see. */
public final class ToolNames {
  /** What MCP clients accept: at most 64 characters of letters, digits, '_' and '-'. */
  public static final Pattern EXPOSED = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  public static final String SEPARATOR = "__";

  private ToolNames() {}

  /** {@code <prefix>__<tool>}, or the tool's own name when there is no prefix. */
  public static String exposed(Optional<String> prefix, String upstreamToolName) {
    return prefix.map(p -> p + SEPARATOR + upstreamToolName).orElse(upstreamToolName);
  }

  public static boolean isValid(String exposedName) {
    return EXPOSED.matcher(exposedName).matches();
  }
}
