package dev.gatehouse.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.server.auth.TokenCheck;
import dev.gatehouse.server.auth.TokenVerifier;
import dev.gatehouse.shield.AgentIdentity;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * The admin API's check, for every {@code /admin/...} servlet: a valid agent token with the role
 * {@code admin}. Says what to answer otherwise, or answers it ({@link #admit}).
 */
final class AdminToken {
  static final String ROLE = "admin";

  private final TokenVerifier verifier;
  private final AdminJson replies;

  AdminToken(TokenVerifier verifier, ObjectMapper mapper) {
    this.verifier = verifier;
    this.replies = new AdminJson(mapper);
  }

  /**
   * The admin making the request; or empty, the refusal (401 with its challenge, or 403, as JSON
   * {@code {"error": ...}}) already answered.
   */
  Optional<AgentIdentity> admit(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    switch (check(request)) {
      case Check.Admin admin -> {
        return Optional.of(admin.agent());
      }
      case Check.Refused refused -> {
        refused.challenge().ifPresent(c -> response.setHeader("WWW-Authenticate", c));
        replies.error(response, refused.status(), refused.message());
        return Optional.empty();
      }
    }
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
