package dev.gatehouse.server.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.shield.CallTrace;
import dev.gatehouse.shield.Outcome;
import dev.gatehouse.shield.ToolCall;
import dev.gatehouse.shield.detect.Detector;
import dev.gatehouse.shield.detect.DetectorSet;
import dev.gatehouse.shield.detect.Detectors;
import dev.gatehouse.shield.redact.SecretRedactor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Builds a call's {@link AuditDetails} from the call, its trace and its outcome. Arguments are kept
 * only after masking: what the secret and PII detectors find becomes {@code [REDACTED:<detector>]}
 * and every vault secret {@code [REDACTED:NAME]}.
 */
public final class CallDetails {
  private final ObjectMapper mapper;
  private final Supplier<SecretRedactor> vault;
  private final List<Detector> masked;

  public CallDetails(ObjectMapper mapper, Supplier<SecretRedactor> vault) {
    this.mapper = mapper;
    this.vault = vault;
    List<Detector> detectors = new ArrayList<>(Detectors.builtIn().bySet(DetectorSet.SECRETS));
    detectors.addAll(Detectors.builtIn().bySet(DetectorSet.PII));
    this.masked = List.copyOf(detectors);
  }

  public AuditDetails of(ToolCall call, Outcome outcome) {
    CallTrace trace = call.trace();
    Map<String, Long> micros = new LinkedHashMap<>();
    trace.stageNanos().forEach((stage, nanos) -> micros.put(stage, nanos / 1000));
    return new AuditDetails(
        vault.get().redact(json(Detectors.redact(call.arguments(), masked))),
        trace.matchedRules(),
        trace.policyRevision(),
        trace.approver().orElse(""),
        micros,
        json(call.arguments()).getBytes(StandardCharsets.UTF_8).length,
        bytesOut(outcome));
  }

  private long bytesOut(Outcome outcome) {
    return switch (outcome) {
      case Outcome.Completed completed ->
          json(mapper.valueToTree(completed.result())).getBytes(StandardCharsets.UTF_8).length;
      case Outcome.Denied denied -> denied.reason().getBytes(StandardCharsets.UTF_8).length;
    };
  }

  private String json(JsonNode node) {
    try {
      return mapper.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a call's JSON could not be written", e);
    }
  }
}
