package dev.gatehouse.connectors;

/**
 * A relayed call failed for a reason on the upstream's side. Its message is safe to show the agent:
 * it names the upstream, never its URL, command line or credentials.
 */
public class UpstreamException extends RuntimeException {
  private final Reason reason;

  public UpstreamException(Reason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  /** The ways a relay can fail. */
  public enum Reason {
    UNAVAILABLE,
    TIMEOUT,
    CANCELLED,
    PROTOCOL_ERROR
  }
}
