package dev.gatehouse.shield.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.shield.Feature;
import dev.gatehouse.shield.yaml.Location;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One {@code tests:} case of a policy file: a call and the decision it must get.
 *
 * @param target the tool or prompt name, or the resource URI
 * @param expectFindings detectors that must find something in the arguments
 */
public record PolicyTest(
    String name,
    Location location,
    String agent,
    Set<String> roles,
    Feature feature,
    String target,
    String upstream,
    JsonNode arguments,
    Action expect,
    Optional<String> expectRule,
    List<String> expectFindings) {}
