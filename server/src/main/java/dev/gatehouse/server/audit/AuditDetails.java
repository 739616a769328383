package dev.gatehouse.server.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The details of a call's audit record beyond who, what and how it ended: the arguments after
 * redaction, every policy rule that matched, the policy revision, the approver, the time each
 * pipeline stage spent, and the bytes in and out. Kept as one canonical JSON text (sorted keys), so
 * the chain hash covers exactly what is stored.
 *
 * @param arguments the call's arguments as JSON, vault secrets and detector findings masked
 * @param rules every enforced policy rule that matched, in file order
 * @param approver who approved the call, or {@code ""}
 * @param stageMicros each stage's own time, in microseconds
 * @param bytesIn the size of the arguments as the agent sent them (JSON, UTF-8)
 * @param bytesOut the size of what went back to the agent (JSON, UTF-8)
 */
public record AuditDetails(
    String arguments,
    List<String> rules,
    String policyRevision,
    String approver,
    Map<String, Long> stageMicros,
    long bytesIn,
    long bytesOut) {
  private static final ObjectMapper CANONICAL =
      new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  public AuditDetails {
    rules = List.copyOf(rules);
    stageMicros = new LinkedHashMap<>(stageMicros);
  }

  /** The canonical JSON text stored with the record and covered by its hash. */
  public String toJson() {
    Map<String, Object> fields = new TreeMap<>();
    fields.put("arguments", arguments);
    fields.put("rules", rules);
    fields.put("policy_revision", policyRevision);
    fields.put("approver", approver);
    fields.put("stage_micros", new TreeMap<>(stageMicros));
    fields.put("bytes_in", bytesIn);
    fields.put("bytes_out", bytesOut);
    try {
      return CANONICAL.writeValueAsString(fields);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("audit details could not be encoded", e);
    }
  }
}
