package dev.gatehouse.shield.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.shield.AgentIdentity;

/** What a policy looks at: who calls which tool of which upstream, with what arguments. */
public record PolicyInput(AgentIdentity agent, String tool, String upstream, JsonNode arguments) {}
