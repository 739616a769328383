package dev.gatehouse.shield;

import java.util.Set;

/**
 * Who is calling: the agent a verified bearer token names.
 *
 * @param name the agent's name, as given to {@code gatehouse agent create}
 * @param roles the roles granted with the token
 * @param tokenId the token's unique id ({@code jti}), used for revocation and audit
 */
public record AgentIdentity(String name, Set<String> roles, String tokenId) {
  public AgentIdentity {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("an agent needs a name");
    }
    roles = Set.copyOf(roles);
    if (tokenId == null) {
      throw new IllegalArgumentException("an agent identity needs a token id");
    }
  }

  public boolean hasRole(String role) {
    return roles.contains(role);
  }
}
