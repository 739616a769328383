package dev.gatehouse.shield.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.shield.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

class DetectorsJsonTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final List<Detector> all = Detectors.builtIn().all();

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text.replace('\'', '"'));
  }

  @Test
  void findingsNameTheDetectorAndPointerButNeverTheValue() throws Exception {
    String card = "4111 1111 1111 1111";
    JsonNode arguments =
        json(
            "{'to':'ada@example.com','cards':['none','"
                + card
                + "'],'a/b':{'sql':'DROP TABLE users'},'ok':42}");

    List<Finding> findings = Detectors.scan(arguments, all);

    assertEquals(
        List.of(
            new Finding("email", "/to"),
            new Finding("credit-card", "/cards/1"),
            new Finding("destructive-sql", "/a~1b/sql")),
        findings);
    assertFalse(findings.toString().contains(card));
    assertFalse(findings.toString().contains("ada@example.com"));
  }

  @Test
  void objectKeysAreScannedToo() throws Exception {
    assertEquals(
        List.of(new Finding("email", "/ada@example.com")),
        Detectors.scan(json("{'ada@example.com':true}"), all));
  }

  @Test
  void redactionMasksEachMatchWithItsDetectorName() throws Exception {
    JsonNode result =
        json(
            "{'text':'mail ada@example.com or call +14155552671','n':1,"
                + "'list':['rm -rf /; ls','fine'],'url':'http://169.254.169.254/latest'}");

    JsonNode redacted = Detectors.redact(result, all);

    assertEquals(
        json(
            "{'text':'mail [REDACTED:email] or call [REDACTED:phone]','n':1,"
                + "'list':['[REDACTED:dangerous-shell]; ls','fine'],'url':'[REDACTED:ssrf-url]'}"),
        redacted);
  }

  @Test
  void overlappingMatchesMergeIntoTheFirst() {
    String text = "see ~/.ssh/id_rsa";
    assertEquals(
        "see ~/[REDACTED:sensitive-file]",
        Detectors.redact(text, Detectors.builtIn().select(List.of("paths")).orElseThrow()));
  }
}
