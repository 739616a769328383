package dev.gatehouse.server.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.gatehouse.shield.Finding;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
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

  /**
   * The stored findings text: {@code detector@pointer}, joined by {@code ,}. Detector names hold
   * neither {@code @} nor {@code ,}, but a pointer may hold both (it names a JSON key the agent
   * chose); {@link #decodeFindings} reads such a text back to the same findings.
   */
  static String encodeFindings(AuditRecord r) {
    return r.findings().stream()
        .map(f -> f.detector() + "@" + f.pointer())
        .collect(Collectors.joining(","));
  }

  /**
   * Reads {@link #encodeFindings}' text back: each finding's detector ends at its first {@code @};
   * a piece after a {@code ,} that does not look like {@code detector@pointer} belongs to the
   * pointer before it (a key's own {@code /} is escaped as {@code ~1}, so a detector name never
   * holds one, and a pointer is empty or starts with {@code /}). Encoding the result gives the text
   * again, so the records' hashes still verify.
   */
  static List<Finding> decodeFindings(String text) {
    if (text == null || text.isEmpty()) {
      return List.of();
    }
    List<String[]> parts = new ArrayList<>();
    for (String piece : text.split(",", -1)) {
      int at = piece.indexOf('@');
      boolean startsFinding = at >= 0 && (parts.isEmpty() || startsWithDetector(piece, at));
      if (startsFinding) {
        parts.add(new String[] {piece.substring(0, at), piece.substring(at + 1)});
      } else if (parts.isEmpty()) {
        parts.add(new String[] {piece, ""}); // not written by encodeFindings: shows as edited
      } else {
        String[] previous = parts.get(parts.size() - 1);
        previous[1] = previous[1] + "," + piece;
      }
    }
    return parts.stream().map(p -> new Finding(p[0], p[1])).toList();
  }

  private static boolean startsWithDetector(String piece, int at) {
    return at > 0
        && piece.lastIndexOf('/', at) < 0
        && (at == piece.length() - 1 || piece.charAt(at + 1) == '/');
  }
}
