package dev.gatehouse.shield.policy;

/** A policy regex used up its budget on one value; the call it was checking is refused. */
public final class PolicyTimeoutException extends RuntimeException {
  PolicyTimeoutException() {
    super("a policy condition took too long on this input", null, false, false);
  }
}
