package dev.gatehouse.server.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.connectors.CatalogTemplate;
import dev.gatehouse.connectors.ToolCatalog;
import dev.gatehouse.connectors.Upstream;
import dev.gatehouse.connectors.UpstreamException;
import dev.gatehouse.shield.AgentIdentity;
import dev.gatehouse.shield.ClientChannel;
import dev.gatehouse.shield.Feature;
import dev.gatehouse.shield.Outcome;
import dev.gatehouse.shield.Pipeline;
import dev.gatehouse.shield.PromptDefinition;
import dev.gatehouse.shield.ResourceTarget;
import dev.gatehouse.shield.ToolCall;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The requests the gateway answers itself, before the SDK sees them, because the SDK has no
 * per-agent view of them: the prompt, resource and template lists (each agent sees only what the
 * policy could let it use), {@code completion/complete} (relayed to the upstream that owns the
 * prompt or template), {@code resources/subscribe} (passed on to the owning upstream first; the SDK
 * then records the session's subscription), and a {@code tools/call} of a name the catalog does not
 * know (the SDK would answer a bare JSON-RPC error outside the pipeline; here it runs through the
 * pipeline, is refused by its resolve stage and audited like any call). Anything else is left to
 * the SDK. Completions and (un)subscriptions reach an upstream outside the pipeline, so {@link
 * AnswerGuard} applies its checks to them: kill switch, token still valid, secrets masked, audited.
 */
public final class GatewayAnswers {
  private static final org.slf4j.Logger log =
      org.slf4j.LoggerFactory.getLogger(GatewayAnswers.class);

  private final ToolCatalog catalog;
  private final Visibility visibility;
  private final ResourceSubscriptions subscriptions;
  private final Pipeline pipeline;
  private final AnswerGuard guard;
  private final ObjectMapper mapper;

  public GatewayAnswers(
      ToolCatalog catalog,
      Visibility visibility,
      ResourceSubscriptions subscriptions,
      Pipeline pipeline,
      AnswerGuard guard,
      ObjectMapper mapper) {
    this.catalog = catalog;
    this.visibility = visibility;
    this.subscriptions = subscriptions;
    this.pipeline = pipeline;
    this.guard = guard;
    this.mapper = mapper;
  }

  /** Where a request goes: the owning upstream ({@code ""} for none) and the relay itself. */
  private record Route(String upstream, Supplier<Optional<Object>> relay) {}

  /** How many agent sessions hold a subscription to {@code uri}. */
  public int subscribers(String uri) {
    return subscriptions.holders(uri);
  }

  /** Releases the upstream subscriptions of a session that ended. */
  public void sessionEnded(String sessionId) {
    subscriptions.releaseAll(sessionId);
  }

  /**
   * @return the JSON-RPC response to send instead of handing the request to the SDK, or empty to
   *     hand it on
   */
  public Optional<String> answer(ObjectNode message, AgentIdentity agent, String sessionId) {
    JsonNode id = message.get("id");
    if (id == null || id.isNull()) {
      return Optional.empty();
    }
    JsonNode params = message.path("params");
    try {
      return switch (message.path("method").asText("")) {
        case McpSchema.METHOD_PROMPT_LIST -> Optional.of(result(id, prompts(agent)));
        case McpSchema.METHOD_RESOURCES_LIST -> Optional.of(result(id, resources(agent)));
        case McpSchema.METHOD_RESOURCES_TEMPLATES_LIST -> Optional.of(result(id, templates(agent)));
        case McpSchema.METHOD_COMPLETION_COMPLETE ->
            guarded(
                id,
                agent,
                sessionId,
                "completion:"
                    + params
                        .path("ref")
                        .path("name")
                        .asText(params.path("ref").path("uri").asText("")),
                () -> complete(agent, params));
        case McpSchema.METHOD_TOOLS_CALL ->
            catalog.find(params.path("name").asText("")).isPresent()
                ? Optional.empty()
                : Optional.of(result(id, unknownTool(agent, sessionId, params)));
        case McpSchema.METHOD_PROMPT_GET ->
            unknown(id, agent, sessionId, Feature.PROMPT, params.path("name").asText(""), params);
        case McpSchema.METHOD_RESOURCES_READ ->
            unknown(id, agent, sessionId, Feature.RESOURCE, params.path("uri").asText(""), params);
        case McpSchema.METHOD_RESOURCES_SUBSCRIBE -> {
          String uri = params.path("uri").asText("");
          yield guarded(
              id, agent, sessionId, "subscribe:" + uri, () -> subscribe(agent, sessionId, uri));
        }
        case McpSchema.METHOD_RESOURCES_UNSUBSCRIBE -> {
          String uri = params.path("uri").asText("");
          yield guarded(
              id,
              agent,
              sessionId,
              "unsubscribe:" + uri,
              () ->
                  new Route(
                      "",
                      () -> {
                        subscriptions.release(sessionId, uri);
                        return Optional.empty();
                      }));
        }
        default -> Optional.empty();
      };
    } catch (Refusal refusal) {
      return Optional.of(error(id, refusal.code, refusal.getMessage()));
    } catch (UpstreamException e) {
      return Optional.of(
          error(
              id,
              McpSchema.ErrorCodes.INTERNAL_ERROR,
              guard.maskText("Gatehouse: " + e.getMessage()).value()));
    } catch (IllegalArgumentException e) {
      return Optional.of(
          error(id, McpSchema.ErrorCodes.INVALID_PARAMS, "Gatehouse: malformed request params"));
    }
  }

  /**
   * Runs a request that reaches an upstream outside the pipeline: refused while the kill switch is
   * on or the agent's token is no longer valid, its answer and error texts masked, and audited.
   *
   * @return the answer to send, or empty to hand the request on to the SDK
   */
  private Optional<String> guarded(
      JsonNode id, AgentIdentity agent, String sessionId, String subject, Supplier<Route> resolve) {
    Optional<AnswerGuard.Refused> refused;
    try {
      refused = guard.refusal(agent);
    } catch (RuntimeException e) {
      return Optional.of(internalError(id, agent, sessionId, subject, e));
    }
    if (refused.isPresent()) {
      guard.record(
          agent, sessionId, subject, "", refused.get().kind(), refused.get().reason(), List.of());
      return Optional.of(
          error(id, McpSchema.ErrorCodes.INVALID_REQUEST, "Gatehouse: " + refused.get().reason()));
    }
    Route route;
    try {
      route = resolve.get();
    } catch (Refusal refusal) {
      guard.record(agent, sessionId, subject, "", "refused", refusal.getMessage(), List.of());
      throw refusal;
    } catch (IllegalArgumentException e) {
      String why = "Gatehouse: malformed request params";
      guard.record(agent, sessionId, subject, "", "invalid_arguments", why, List.of());
      return Optional.of(error(id, McpSchema.ErrorCodes.INVALID_PARAMS, why));
    } catch (UpstreamException e) {
      AnswerGuard.Masked<String> why = guard.maskText("Gatehouse: " + e.getMessage());
      guard.record(agent, sessionId, subject, "", "upstream", why.value(), why.findings());
      return Optional.of(error(id, McpSchema.ErrorCodes.INTERNAL_ERROR, why.value()));
    } catch (RuntimeException e) {
      return Optional.of(internalError(id, agent, sessionId, subject, e));
    }
    Optional<AnswerGuard.Masked<Object>> answer;
    try {
      answer = route.relay().get().map(guard::mask);
    } catch (UpstreamException | IllegalStateException e) {
      AnswerGuard.Masked<String> why = guard.maskText("Gatehouse: " + e.getMessage());
      guard.record(
          agent, sessionId, subject, route.upstream(), "upstream", why.value(), why.findings());
      return Optional.of(error(id, McpSchema.ErrorCodes.INTERNAL_ERROR, why.value()));
    }
    List<dev.gatehouse.shield.Finding> findings =
        answer.map(AnswerGuard.Masked::findings).orElse(List.of());
    if (!guard.record(agent, sessionId, subject, route.upstream(), "ok", "", findings)) {
      return Optional.of(
          error(
              id,
              McpSchema.ErrorCodes.INTERNAL_ERROR,
              "Gatehouse: the request could not be recorded, so it was not answered"));
    }
    return answer.map(masked -> result(id, masked.value()));
  }

  /** A failure of ours (the store, a bug): logged under an incident id, audited, answered. */
  private String internalError(
      JsonNode id, AgentIdentity agent, String sessionId, String subject, RuntimeException e) {
    String incident = UUID.randomUUID().toString();
    log.error("incident {}: {} failed", incident, subject, e);
    String why = "Gatehouse: internal error; incident " + incident;
    guard.record(agent, sessionId, subject, "", "internal", why, List.of());
    return error(id, McpSchema.ErrorCodes.INTERNAL_ERROR, why);
  }

  private McpSchema.ListPromptsResult prompts(AgentIdentity agent) {
    return new McpSchema.ListPromptsResult(
        catalog.snapshot().prompts().values().stream()
            .filter(prompt -> visibility.isVisible(agent, prompt))
            .map(PromptDefinition::prompt)
            .toList(),
        null);
  }

  private McpSchema.ListResourcesResult resources(AgentIdentity agent) {
    return new McpSchema.ListResourcesResult(
        catalog.snapshot().resources().values().stream()
            .filter(
                r ->
                    visibility.isVisible(
                        agent, new ResourceTarget(r.resource().uri(), r.upstream())))
            .map(r -> r.resource())
            .toList(),
        null);
  }

  private McpSchema.ListResourceTemplatesResult templates(AgentIdentity agent) {
    return new McpSchema.ListResourceTemplatesResult(
        catalog.snapshot().templates().stream()
            .filter(t -> visible(agent, t))
            .map(CatalogTemplate::template)
            .toList(),
        null);
  }

  private boolean visible(AgentIdentity agent, CatalogTemplate template) {
    return visibility.isVisible(
        agent, new ResourceTarget(template.template().uriTemplate(), template.upstream()));
  }

  /**
   * Completes a prompt argument (the prompt named as the agent sees it) or a resource-template
   * argument, at the upstream that owns it, for an agent that may use it.
   */
  private Route complete(AgentIdentity agent, JsonNode params) {
    McpSchema.CompleteRequest request =
        mapper.convertValue(params, McpSchema.CompleteRequest.class);
    if (request.ref() instanceof McpSchema.PromptReference reference) {
      PromptDefinition prompt =
          Optional.ofNullable(catalog.snapshot().prompts().get(reference.name()))
              .filter(p -> visibility.isVisible(agent, p))
              .orElseThrow(
                  () ->
                      new Refusal(
                          McpSchema.ErrorCodes.INVALID_PARAMS,
                          "Gatehouse: there is no prompt named '" + reference.name() + "'"));
      Upstream owner = upstream(prompt.upstream());
      McpSchema.CompleteRequest relayed =
          new McpSchema.CompleteRequest(
              new McpSchema.PromptReference(
                  reference.type(), prompt.upstreamName(), reference.title()),
              request.argument(),
              request.meta(),
              request.context());
      return new Route(prompt.upstream(), () -> Optional.of(owner.complete(relayed)));
    }
    if (request.ref() instanceof McpSchema.ResourceReference reference) {
      CatalogTemplate template =
          catalog.snapshot().templates().stream()
              .filter(t -> t.template().uriTemplate().equals(reference.uri()))
              .filter(t -> visible(agent, t))
              .findFirst()
              .orElseThrow(
                  () ->
                      new Refusal(
                          McpSchema.ErrorCodes.INVALID_PARAMS,
                          "Gatehouse: there is no resource template '" + reference.uri() + "'"));
      Upstream owner = upstream(template.upstream());
      return new Route(template.upstream(), () -> Optional.of(owner.complete(request)));
    }
    throw new Refusal(McpSchema.ErrorCodes.INVALID_PARAMS, "Gatehouse: unknown completion ref");
  }

  /**
   * Subscribes at the owning upstream for an agent that may read the resource. A URI no upstream
   * owns is left to the SDK, which records a subscription that never fires (as servers do for URIs
   * they do not know); nothing is guessed and nothing is read.
   */
  private Route subscribe(AgentIdentity agent, String sessionId, String uri) {
    Optional<ResourceTarget> owner = catalog.snapshot().owner(uri);
    if (owner.isEmpty()) {
      return new Route("", Optional::empty);
    }
    if (!visibility.isVisible(agent, owner.get())) {
      throw new Refusal(
          McpSchema.ErrorCodes.RESOURCE_NOT_FOUND,
          "Gatehouse: this agent may not read '" + uri + "'");
    }
    Upstream upstream = upstream(owner.get().upstream());
    return new Route(
        owner.get().upstream(),
        () -> {
          subscriptions.acquire(sessionId, owner.get(), upstream);
          return Optional.empty();
        });
  }

  /**
   * A prompt or resource the catalog does not have: refused by the pipeline (so audited, like an
   * unknown tool) instead of by the SDK; empty for one the catalog has, which the SDK hands to the
   * pipeline itself.
   */
  private Optional<String> unknown(
      JsonNode id,
      AgentIdentity agent,
      String sessionId,
      Feature feature,
      String name,
      JsonNode params) {
    if (catalog.resolve(feature, name).isPresent()) {
      return Optional.empty();
    }
    JsonNode arguments = params.path("arguments");
    Outcome outcome =
        pipeline.run(
            ToolCall.of(
                UUID.randomUUID().toString(),
                agent,
                sessionId,
                feature,
                name,
                arguments.isObject() ? arguments : mapper.createObjectNode(),
                ClientChannel.NONE));
    try {
      return Optional.of(result(id, OutcomeRenderer.result(outcome, McpSchema.Result.class)));
    } catch (McpError refused) {
      McpSchema.JSONRPCResponse.JSONRPCError error = refused.getJsonRpcError();
      ObjectNode response = mapper.createObjectNode().put("jsonrpc", McpSchema.JSONRPC_VERSION);
      response.set("id", id);
      ObjectNode body =
          response.putObject("error").put("code", error.code()).put("message", error.message());
      if (error.data() != null) {
        body.set("data", mapper.valueToTree(error.data()));
      }
      return Optional.of(response.toString());
    }
  }

  private McpSchema.CallToolResult unknownTool(
      AgentIdentity agent, String sessionId, JsonNode params) {
    JsonNode arguments = params.path("arguments");
    return OutcomeRenderer.render(
        pipeline.run(
            ToolCall.of(
                UUID.randomUUID().toString(),
                agent,
                sessionId,
                params.path("name").asText(""),
                arguments.isObject() ? arguments : mapper.createObjectNode(),
                ClientChannel.NONE)));
  }

  private Upstream upstream(String name) {
    return catalog
        .upstream(name)
        .orElseThrow(
            () -> new Refusal(McpSchema.ErrorCodes.INTERNAL_ERROR, "Gatehouse: no upstream"));
  }

  private String result(JsonNode id, Object result) {
    ObjectNode response = mapper.createObjectNode().put("jsonrpc", McpSchema.JSONRPC_VERSION);
    response.set("id", id);
    response.set("result", mapper.valueToTree(result));
    return response.toString();
  }

  private String error(JsonNode id, int code, String message) {
    ObjectNode response = mapper.createObjectNode().put("jsonrpc", McpSchema.JSONRPC_VERSION);
    response.set("id", id);
    response.putObject("error").put("code", code).put("message", message);
    return response.toString();
  }

  /** A request refused with a JSON-RPC error. */
  private static final class Refusal extends RuntimeException {
    final int code;

    Refusal(int code, String message) {
      super(message, null, false, false);
      this.code = code;
    }
  }
}
