package dev.gatehouse.server.http;

import dev.gatehouse.server.auth.TokenCheck;
import dev.gatehouse.server.auth.TokenVerifier;
import dev.gatehouse.shield.AgentIdentity;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * The admin API's check: a valid agent token with the role {@code admin}, as for {@code
 * /admin/approvals}. Says what to answer otherwise.
 */
final class AdminToken {
  static final String ROLE = "admin";

  private final TokenVerifier verifier;

  AdminToken(TokenVerifier verifier) {
    this.verifier = verifier;
  }

  /** The admin, or why not. */
  sealed interface Check {
    record Admin(AgentIdentity agent) implements Check {}

    /**
     * @param status 401 or 403
     * @param challenge the {@code WWW-Authenticate} header for a 401
     */
    record Refused(int status, Optional<String> challenge, String message) implements Check {}
  }

  Check check(HttpServletRequest request) {
    String header = request.getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return new Check.Refused(401, Optional.of("Bearer realm=\"gatehouse\""), "Unauthorized");
    }
    if (!(verifier.check(header.substring(7).trim()) instanceof TokenCheck.Valid valid)) {
      return new Check.Refused(
          401, Optional.of("Bearer realm=\"gatehouse\", error=\"invalid_token\""), "Unauthorized");
    }
    if (!valid.agent().hasRole(ROLE)) {
      return new Check.Refused(
          403, Optional.empty(), "the admin API needs a token with the role admin");
    }
    return new Check.Admin(valid.agent());
  }
}
