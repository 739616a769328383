package dev.gatehouse.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.server.killswitch.KillSwitch;
import dev.gatehouse.server.killswitch.KillSwitchState;
import dev.gatehouse.server.store.KillSwitchStore;
import dev.gatehouse.shield.AgentIdentity;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * The admin API for the kill switch, for agent tokens with the role {@code admin}:
 *
 * <pre>
 * GET    /admin/kill-switch                      {"state": "off"} or on, with by, reason, since
 * POST   /admin/kill-switch  {"reason": "..."}   engage (reason required)
 * DELETE /admin/kill-switch                      405: release with the CLI
 * </pre>
 *
 * The change is recorded as made by {@code admin:<agent name>}. Answers 401 without a valid token,
 * 403 without the role, 400 without a reason, 503 when the store cannot be read or written.
 * Releasing is not offered here: the switch is for incidents, and the incident may be a leaked
 * token with the role {@code admin}; {@code gatehouse kill-switch off} needs access to a node.
 */
final class AdminKillSwitchServlet extends AdminServlet {
  static final String PATH = "/admin/kill-switch";
  static final String RELEASE_WITH_CLI =
      "the admin API cannot release the kill switch; run 'gatehouse kill-switch off' on a node";
  private static final String STORE_DOWN =
      "the kill switch cannot be changed now: the store does not answer";

  private final KillSwitch killSwitch;

  AdminKillSwitchServlet(AdminToken admins, KillSwitch killSwitch, ObjectMapper mapper) {
    super(admins, mapper);
    this.killSwitch = killSwitch;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (admin(request, response).isEmpty()) {
      return;
    }
    KillSwitchState state = killSwitch.state();
    json(response, state instanceof KillSwitchState.Unreadable ? 503 : 200, view(state));
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Optional<AgentIdentity> admin = admin(request, response);
    if (admin.isEmpty()) {
      return;
    }
    Optional<JsonNode> read = body(request, response);
    if (read.isEmpty()) {
      return;
    }
    JsonNode body = read.get();
    String reason = body.path("reason").asText("").strip();
    if (reason.isEmpty()) {
      error(response, 400, "the kill switch needs a 'reason' the agents can read");
      return;
    }
    KillSwitchStore.Engaged engaged;
    try {
      engaged = killSwitch.engage("admin:" + admin.get().name(), reason);
    } catch (RuntimeException e) {
      error(response, 503, STORE_DOWN);
      return;
    }
    json(response, 200, view(new KillSwitchState.On(engaged)));
  }

  @Override
  protected void doDelete(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (admin(request, response).isEmpty()) {
      return;
    }
    response.setHeader("Allow", "GET, POST");
    error(response, 405, RELEASE_WITH_CLI);
  }

  private ObjectNode view(KillSwitchState state) {
    ObjectNode node = mapper.createObjectNode().put("state", state.word());
    if (state instanceof KillSwitchState.On on) {
      node.put("by", on.engaged().by())
          .put("reason", on.engaged().reason())
          .put("since", on.engaged().since().toString());
    }
    if (state.refuses()) {
      node.put("message", state.reason());
    }
    return node;
  }
}
