package dev.gatehouse.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.gatehouse.approvals.ApprovalGrant;
import dev.gatehouse.approvals.ApprovalQueue;
import dev.gatehouse.approvals.ApprovalState;
import dev.gatehouse.approvals.DecideResult;
import dev.gatehouse.approvals.Ruling;
import dev.gatehouse.server.approvals.ApprovalJson;
import dev.gatehouse.server.approvals.GrantWindow;
import dev.gatehouse.shield.AgentIdentity;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * The admin API for approvals, for agent tokens with the role {@code admin}:
 *
 * <pre>
 * GET  /admin/approvals[?state=pending]      list, newest first
 * GET  /admin/approvals/ID                   one request
 * POST /admin/approvals/ID/approve           {"for": "1h"} optional
 * POST /admin/approvals/ID/deny              {"reason": "..."} required
 * POST /admin/approvals/ID/cancel            {"reason": "..."} optional
 * </pre>
 *
 * The decision is recorded as made by {@code admin:<agent name>}. Answers 401 without a valid
 * token, 403 without the role, 404 for an unknown id, 409 when the request is no longer pending,
 * 503 with an incident id when the store does not answer.
 */
final class AdminApprovalsServlet extends AdminServlet {
  static final String PATH = "/admin/approvals";

  private final ApprovalQueue queue;

  AdminApprovalsServlet(AdminToken admins, ApprovalQueue queue, ObjectMapper mapper) {
    super(admins, mapper);
    this.queue = queue;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (admin(request, response).isEmpty()) {
      return;
    }
    String[] path = path(request);
    if (path.length == 0) {
      Optional<ApprovalState> state;
      try {
        state = Optional.ofNullable(request.getParameter("state")).map(ApprovalState::ofWord);
      } catch (IllegalArgumentException e) {
        error(response, 400, "state must be pending, approved, denied, expired or cancelled");
        return;
      }
      ArrayNode list = mapper.createArrayNode();
      queue.list(state, 200).forEach(r -> list.add(ApprovalJson.of(mapper, r)));
      json(response, 200, list);
    } else if (path.length == 1) {
      var found = queue.find(path[0]);
      if (found.isEmpty()) {
        error(response, 404, "no approval " + path[0]);
      } else {
        json(response, 200, ApprovalJson.of(mapper, found.get()));
      }
    } else {
      error(response, 404, "not found");
    }
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Optional<AgentIdentity> admin = admin(request, response);
    if (admin.isEmpty()) {
      return;
    }
    String[] path = path(request);
    if (path.length != 2) {
      error(response, 404, "not found");
      return;
    }
    Optional<JsonNode> read = body(request, response);
    if (read.isEmpty()) {
      return;
    }
    JsonNode body = read.get();
    Optional<Ruling> ruling = ruling(path[1], body, response);
    if (ruling.isEmpty()) {
      return;
    }
    switch (queue.decide(path[0], ruling.get(), "admin:" + admin.get().name())) {
      case DecideResult.Decided d -> json(response, 200, ApprovalJson.of(mapper, d.request()));
      case DecideResult.AlreadyDecided a ->
          error(response, 409, "approval " + path[0] + " is " + a.request().state().word());
      case DecideResult.Unknown u -> error(response, 404, "no approval " + path[0]);
    }
  }

  private Optional<Ruling> ruling(String verb, JsonNode body, HttpServletResponse response)
      throws IOException {
    switch (verb) {
      case "approve" -> {
        if (!body.has("for")) {
          return Optional.of(new Ruling.Approve(ApprovalGrant.once()));
        }
        Optional<Duration> window = GrantWindow.parse(body.path("for").asText(""));
        if (window.isEmpty()) {
          error(response, 400, "'for' must be a duration up to 1d, like 30m or 1h");
          return Optional.empty();
        }
        return Optional.of(new Ruling.Approve(ApprovalGrant.forWindow(window.get())));
      }
      case "deny" -> {
        String reason = body.path("reason").asText("").strip();
        if (reason.isEmpty()) {
          error(response, 400, "a denial needs a 'reason' the agent can read");
          return Optional.empty();
        }
        return Optional.of(new Ruling.Deny(reason));
      }
      case "cancel" -> {
        return Optional.of(new Ruling.Cancel(body.path("reason").asText("cancelled").strip()));
      }
      default -> {
        error(response, 404, "not found");
        return Optional.empty();
      }
    }
  }

  private static String[] path(HttpServletRequest request) {
    String info = request.getPathInfo();
    if (info == null || info.equals("/")) {
      return new String[0];
    }
    return info.substring(1).split("/");
  }
}
