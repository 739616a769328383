package dev.gatehouse.server.auth;

import dev.gatehouse.shield.AgentIdentity;

/** The result of checking a bearer token. */
public sealed interface TokenCheck {
  record Valid(AgentIdentity agent) implements TokenCheck {}

  /**
   * @param why for the gateway's own log only; the caller is told nothing more than "invalid"
   */
  record Invalid(String why) implements TokenCheck {}
}
