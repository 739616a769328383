package dev.gatehouse.shield;

import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;

/** What a tool call came to: a relayed result, or a refusal with its reason. */
public sealed interface Outcome {

  /**
   * The upstream answered (a tool's answer may itself be an error result, {@code isError: true}).
   *
   * @param result what goes back to the agent, after any response scanning: a {@code
   *     CallToolResult}, {@code GetPromptResult} or {@code ReadResourceResult}
   * @param findings what scanning found in the request and masked in the response (never values)
   */
  record Completed(McpSchema.Result result, List<Finding> findings) implements Outcome {
    public Completed {
      findings = List.copyOf(findings);
    }

    public Completed(McpSchema.Result result) {
      this(result, List.of());
    }

    /** Whether the upstream answered with a tool error result. */
    public boolean isToolError() {
      return result instanceof McpSchema.CallToolResult tool && Boolean.TRUE.equals(tool.isError());
    }
  }

  /**
   * The call was refused, or failed inside Gatehouse; nothing, or nothing more, reached the
   * upstream.
   *
   * @param kind why, in one word the audit trail and metrics can group by
   * @param reason one line the model can read and act on; never a secret, URL or stack trace
   * @param ruleId the policy rule that decided, or {@code ""} when no rule was involved
   * @param findings detector findings that led here (never the matched values)
   */
  record Denied(Kind kind, String reason, String ruleId, List<Finding> findings)
      implements Outcome {
    public Denied {
      findings = List.copyOf(findings);
    }

    public static Denied of(Kind kind, String reason) {
      return new Denied(kind, reason, "", List.of());
    }
  }

  /** The groups of refusals. */
  enum Kind {
    /** the token is missing, invalid, expired or revoked */
    UNAUTHENTICATED,
    /** no such tool, prompt or resource, or not visible to this agent */
    UNKNOWN_TOOL,
    /** the arguments do not match the tool's input schema */
    INVALID_ARGUMENTS,
    /** a policy rule denied the call */
    POLICY,
    /** a rate limit was exceeded */
    RATE_LIMITED,
    /** a human has not approved (yet), or denied */
    APPROVAL,
    /** the tool's definition changed since it was pinned */
    QUARANTINED,
    /** the upstream is down, timed out, or failed */
    UPSTREAM,
    /** the agent cancelled the call */
    CANCELLED,
    /** an unexpected error inside Gatehouse; the reason carries an incident id only */
    INTERNAL,
    /** an operator engaged the kill switch: no request is relayed until it is released */
    KILL_SWITCH
  }
}
