package dev.gatehouse.server.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.connectors.McpMethods;
import dev.gatehouse.shield.AgentIdentity;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Optional;

/**
 * Looks at each JSON-RPC message an agent sends before the SDK does. A {@code tools/call}, {@code
 * prompts/get} or {@code resources/read} gets its call key written into {@code params._meta}
 * (overwriting anything the agent put there), because the SDK hands handlers the request without
 * its JSON-RPC id; a {@code notifications/cancelled} is turned into the key of the call to cancel;
 * the requests the gateway answers itself ({@link GatewayAnswers}) are answered here.
 */
public final class JsonRpcTagger {
  /** The {@code _meta} key under which the call key reaches the tool handler. */
  public static final String CALL_KEY = "dev.gatehouse/call-key";

  private static final java.util.Set<String> CANCELLABLE =
      java.util.Set.of(
          McpSchema.METHOD_TOOLS_CALL,
          McpSchema.METHOD_PROMPT_GET,
          McpSchema.METHOD_RESOURCES_READ);

  private final ObjectMapper mapper;
  private final GatewayAnswers answers;

  public JsonRpcTagger(ObjectMapper mapper, GatewayAnswers answers) {
    this.mapper = mapper;
    this.answers = answers;
  }

  /** What to do with one incoming message. */
  public sealed interface Tagged {
    /** Pass this text on to the SDK. */
    record Forward(String text) implements Tagged {}

    /** Cancel the call with this key; the SDK has no use for the message itself. */
    record Cancel(String callKey) implements Tagged {}

    /** Send this JSON-RPC response to the agent; the SDK does not see the request. */
    record Answer(String response) implements Tagged {}
  }

  public static String callKey(String sessionKey, JsonNode id) {
    return sessionKey + "/" + id.toString();
  }

  /**
   * @param sessionKey the MCP session id (HTTP) or a fixed name (stdio)
   * @param agent who sent it, when known; requests of an unknown sender are left to the SDK
   */
  public Tagged tag(String text, String sessionKey, Optional<AgentIdentity> agent) {
    Optional<ObjectNode> parsed = parse(text);
    if (parsed.isEmpty()) {
      return new Tagged.Forward(text);
    }
    ObjectNode message = parsed.get();
    String method = message.path("method").asText("");
    JsonNode id = message.get("id");
    if (agent.isPresent()) {
      Optional<String> answer = answers.answer(message, agent.get(), sessionKey);
      if (answer.isPresent()) {
        return new Tagged.Answer(answer.get());
      }
    }
    if (CANCELLABLE.contains(method) && id != null && !id.isNull()) {
      JsonNode params = message.get("params");
      if (params instanceof ObjectNode paramsObject) {
        JsonNode meta = paramsObject.get("_meta");
        ObjectNode metaObject = meta instanceof ObjectNode m ? m : paramsObject.putObject("_meta");
        metaObject.put(CALL_KEY, callKey(sessionKey, id));
        return new Tagged.Forward(message.toString());
      }
    }
    if (McpMethods.NOTIFICATION_CANCELLED.equals(method)) {
      JsonNode requestId = message.path("params").get("requestId");
      if (requestId != null && !requestId.isNull()) {
        return new Tagged.Cancel(callKey(sessionKey, requestId));
      }
    }
    return new Tagged.Forward(text);
  }

  /** The agent ended its session (HTTP DELETE, or the end of stdio input). */
  public void sessionEnded(String sessionKey) {
    answers.sessionEnded(sessionKey);
  }

  private Optional<ObjectNode> parse(String text) {
    try {
      JsonNode node = mapper.readTree(text);
      return node instanceof ObjectNode object ? Optional.of(object) : Optional.empty();
    } catch (JsonProcessingException e) {
      return Optional.empty(); // the SDK answers malformed JSON itself
    }
  }
}
