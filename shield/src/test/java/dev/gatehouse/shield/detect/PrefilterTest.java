package dev.gatehouse.shield.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.shield.Finding;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The prefilter may let a detector run where it finds nothing, but must never skip one that would
 * fire: checked on every string literal of the detector tests (their true positives among them),
 * embedded in noise and combined at random, against each detector run alone.
 */
class PrefilterTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<Detector> ALL = Detectors.builtIn().all();
  private static final Prefilter PREFILTER = new Prefilter(ALL);
  private static final List<String> NOISE =
      List.of(
          "",
          " ",
          "x",
          "0",
          "A",
          "-",
          "\n",
          "see: ",
          "the build fails when the cache is cold ",
          "order 42 shipped 2026-11-24 ",
          "AB",
          "\u200B",
          "é");

  private static List<String> vectors;

  @BeforeAll
  static void readVectors() {
    vectors = JavaStringLiterals.under(Path.of("src/test/java/dev/gatehouse/shield"));
  }

  @Test
  void theTestsHoldTruePositivesOfEveryDetector() {
    for (Detector detector : ALL) {
      assertTrue(
          vectors.stream().anyMatch(v -> !detector.find(v).isEmpty()),
          "no vector for " + detector.name());
    }
  }

  @Test
  void noDetectorIsSkippedWhereItFindsSomethingInAVectorEmbeddedInNoise() {
    int fired = 0;
    for (String vector : vectors) {
      for (String before : NOISE) {
        for (String after : List.of("", " ", "Z", "9", ".", "\u2060")) {
          fired += assertNotSkipped(before + vector + after);
        }
      }
    }
    assertTrue(fired > 1000, "only " + fired + " detections");
  }

  @Test
  void noDetectorIsSkippedWhereItFindsSomethingInRandomMixesOfVectors() {
    Random random = new Random(7);
    for (int round = 0; round < 20_000; round++) {
      StringBuilder text = new StringBuilder();
      for (int parts = 1 + random.nextInt(4); parts > 0; parts--) {
        String vector = vectors.get(random.nextInt(vectors.size()));
        int from = random.nextInt(vector.length() + 1);
        int to = from + random.nextInt(vector.length() - from + 1);
        text.append(random.nextBoolean() ? vector : vector.substring(from, to))
            .append(NOISE.get(random.nextInt(NOISE.size())));
      }
      assertNotSkipped(text.toString());
    }
  }

  @Test
  void aScanFindsWhatEachDetectorFindsAloneInEveryString() {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode values = root.putArray("values");
    ObjectNode keyed = root.putObject("keyed");
    for (int i = 0; i < vectors.size(); i++) {
      values.add(vectors.get(i));
      keyed.put(vectors.get(i), i);
    }
    assertEquals(naiveScan(root), Detectors.scan(root, ALL));
  }

  @Test
  void findAndRedactMatchTheDetectorsRunAlone() {
    for (String vector : vectors) {
      String text = "note: " + vector + " end";
      List<Detectors.Located> naive = new ArrayList<>();
      for (Detector detector : ALL) {
        detector.find(text).forEach(m -> naive.add(new Detectors.Located(detector.name(), m)));
      }
      naive.sort(Comparator.comparingInt((Detectors.Located l) -> l.match().start()));
      assertEquals(naive, Detectors.find(text, ALL), text);
    }
  }

  @Test
  void plainProseTriggersNoDetector() {
    assertEquals(
        Prefilter.UNKNOWN,
        PREFILTER.candidates("the build fails when the cache is cold, 42 times"));
  }

  @Test
  void eachKindOfTriggerPicksItsDetectors() {
    assertPicks("mail me at a@b.example", "email", "upi-id");
    assertPicks("call 4111 1111-1111", "us-ssn", "aadhaar");
    assertPicks("pay 4111 1111-1111 1111", "us-ssn", "aadhaar", "credit-card");
    assertPicks("account GB29", "iban");
    assertPicks("ABCPE1234F", "iban", "pan");
    assertPicks("zero\u200Bwidth", "invisible-unicode");
    assertPicks("IGNORE it", "prompt-injection");
  }

  @Test
  void detectorsItWasNotBuiltWithAlwaysRun() {
    Detector other =
        new Detector() {
          @Override
          public String name() {
            return "other";
          }

          @Override
          public DetectorSet set() {
            return DetectorSet.SECRETS;
          }

          @Override
          public List<Match> find(String text) {
            return text.equals("quiet") ? List.of(new Match(0, 5)) : List.of();
          }
        };
    assertEquals(Prefilter.UNKNOWN, PREFILTER.bitOf(other));
    JsonNode node = JSON.createObjectNode().put("a", "quiet");
    assertEquals(List.of(new Finding("other", "/a")), Detectors.scan(node, List.of(other)));
  }

  private static void assertPicks(String text, String... names) {
    long expected = Prefilter.UNKNOWN;
    for (String name : names) {
      expected |= PREFILTER.bitOf(Detected.named(name));
    }
    assertEquals(expected, PREFILTER.candidates(text), text);
  }

  /** How many detectors fire in {@code text}, after checking the prefilter picked each. */
  private static int assertNotSkipped(String text) {
    long candidates = PREFILTER.candidates(text);
    int fired = 0;
    for (Detector detector : ALL) {
      if (!detector.find(text).isEmpty()) {
        fired++;
        assertTrue(
            (candidates & PREFILTER.bitOf(detector)) != 0,
            detector.name() + " skipped in: " + text);
      }
    }
    return fired;
  }

  private static List<Finding> naiveScan(JsonNode node) {
    List<Finding> findings = new ArrayList<>();
    naiveScan(node, "", findings);
    return findings;
  }

  private static void naiveScan(JsonNode node, String pointer, List<Finding> findings) {
    if (node.isTextual()) {
      naiveFind(node.textValue(), pointer, findings);
    } else if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        String child = pointer + "/" + field.getKey().replace("~", "~0").replace("/", "~1");
        naiveFind(field.getKey(), child, findings);
        naiveScan(field.getValue(), child, findings);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        naiveScan(node.get(i), pointer + "/" + i, findings);
      }
    }
  }

  private static void naiveFind(String text, String pointer, List<Finding> findings) {
    for (Detector detector : ALL) {
      if (!detector.find(text).isEmpty()) {
        findings.add(new Finding(detector.name(), pointer));
      }
    }
  }
}
