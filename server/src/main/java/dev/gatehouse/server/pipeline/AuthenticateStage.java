package dev.gatehouse.server.pipeline;

import dev.gatehouse.server.auth.TokenVerifier;
import dev.gatehouse.shield.Chain;
import dev.gatehouse.shield.Outcome;
import dev.gatehouse.shield.Stage;
import dev.gatehouse.shield.ToolCall;

/**
 * Refuses a call whose agent token was revoked or expired after the caller authenticated: an HTTP
 * session or a stdio process outlives the check made when it started.
 */
public final class AuthenticateStage implements Stage {
  private final TokenVerifier verifier;

  public AuthenticateStage(TokenVerifier verifier) {
    this.verifier = verifier;
  }

  @Override
  public Outcome apply(ToolCall call, Chain chain) {
    if (!verifier.stillValid(call.agent())) {
      return Outcome.Denied.of(
          Outcome.Kind.UNAUTHENTICATED,
          "the agent token is no longer valid (revoked, expired, or its signing key rotated)");
    }
    return chain.proceed(call);
  }
}
