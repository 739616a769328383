package dev.gatehouse.shield.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.shield.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Prints how long a scan of a realistic 10 KB tool-call argument takes with every built-in
 * detector. It asserts what the scan finds, never how fast it is: timings vary by machine.
 */
class ScanThroughputTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static JsonNode tenKilobytePayload() {
    ObjectNode root = JSON.createObjectNode();
    root.put("path", "src/main/java/com/example/orders/OrderService.java");
    root.put("message", "Refactor order totals; see https://github.com/example/shop/pull/1234");
    root.put(
        "content",
        """
        package com.example.orders;

        import java.math.BigDecimal;
        import java.util.List;

        /** Computes order totals, taxes and discounts for the checkout page. */
        public final class OrderService {
          private final TaxTable taxes;

          public BigDecimal total(List<Line> lines, String region) {
            BigDecimal sum = BigDecimal.ZERO;
            for (Line line : lines) {
              sum = sum.add(line.price().multiply(BigDecimal.valueOf(line.quantity())));
            }
            return sum.add(taxes.rateFor(region).multiply(sum)).setScale(2);
          }
        }
        """
            .repeat(8));
    ArrayNode rows = root.putArray("rows");
    for (int i = 0; i < 40; i++) {
      ObjectNode row = rows.addObject();
      row.put("id", "ord-" + (100_000 + i * 7919));
      row.put("created", "2024-05-" + (10 + i % 20) + "T10:15:30Z");
      row.put("note", "Customer asked to ship before Friday; use the blue box, gift wrap " + i);
      row.put("amount", 19.99 + i);
    }
    root.put("contact", "Reach the owner at orders@example.com or +14155552671.");
    return root;
  }

  @Test
  void scansATenKilobyteArgumentWithEveryDetector() throws Exception {
    JsonNode payload = tenKilobytePayload();
    int bytes = JSON.writeValueAsBytes(payload).length;
    List<Detector> all = Detectors.builtIn().all();

    List<Finding> findings = Detectors.scan(payload, all);
    assertEquals(
        List.of(new Finding("email", "/contact"), new Finding("phone", "/contact")), findings);

    for (int i = 0; i < 1_000; i++) {
      Detectors.scan(payload, all);
    }
    int rounds = 500;
    long start = System.nanoTime();
    for (int i = 0; i < rounds; i++) {
      Detectors.scan(payload, all);
    }
    double micros = (System.nanoTime() - start) / 1_000.0 / rounds;
    System.out.printf(
        "scan of %d bytes with %d detectors: %.1f us (%.1f us/KB)%n",
        bytes, all.size(), micros, micros / (bytes / 1024.0));
    for (Detector detector : all) {
      long one = System.nanoTime();
      for (int i = 0; i < 100; i++) {
        Detectors.scan(payload, List.of(detector));
      }
      System.out.printf(
          "  %-22s %7.1f us%n", detector.name(), (System.nanoTime() - one) / 100_000.0);
    }
  }
}
