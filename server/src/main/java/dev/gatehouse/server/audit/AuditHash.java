package dev.gatehouse.server.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The canonical encoding of an audit record and its chain hash: SHA-256 over a JSON object with
 * sorted keys holding the record's sequence number, every field (the details text only when there
 * is one, so records written before details existed keep their hashes), and the previous record's
 * hash. Changing any field, the order, or what came before changes the hash.
 */
final class AuditHash {
  /** The "previous hash" of the first record of a chain that was never pruned. */
  static final String GENESIS = "0".repeat(64);

  private static final ObjectMapper CANONICAL =
      new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private AuditHash() {}

  static String of(long seq, AuditRecord r, String previousHash) {
    Map<String, Object> fields = new TreeMap<>();
    fields.put("seq", seq);
    fields.put("at", r.at().toEpochMilli());
    fields.put("call_id", r.callId());
    fields.put("agent", r.agent());
    fields.put("session_id", r.sessionId());
    fields.put("tool", r.tool());
    fields.put("upstream", r.upstream());
    fields.put("outcome", r.outcome());
    fields.put("kind", r.kind());
    fields.put("rule_id", r.ruleId());
    fields.put("reason", r.reason());
    fields.put("findings", encodeFindings(r));
    fields.put("duration_micros", r.duration().toNanos() / 1000);
    if (!r.details().isEmpty()) {
      fields.put("details", r.details()); // absent from records written before details existed
    }
    fields.put("prev_hash", previousHash);
    try {
      byte[] canonical = CANONICAL.writeValueAsBytes(fields);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("an audit record could not be hashed", e);
    }
  }

  static String encodeFindings(AuditRecord r) {
    return r.findings().stream()
        .map(f -> f.detector() + "@" + f.pointer())
        .collect(Collectors.joining(","));
  }
}
