package dev.gatehouse.shield.pin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.shield.Finding;
import dev.gatehouse.shield.detect.Detector;
import dev.gatehouse.shield.detect.DetectorSet;
import dev.gatehouse.shield.detect.Detectors;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;

/**
 * Looks for tool poisoning in a tool's definition — its title, description, and every text of its
 * input schema (parameter descriptions are a favourite hiding place): hidden instruction blocks,
 * orders to read keys or send data away, invisible Unicode.
 */
public final class PoisoningScan {
  private static final List<String> DETECTORS = List.of("tool-poisoning", "invisible-unicode");

  private final List<Detector> detectors;
  private final ObjectMapper mapper;

  public PoisoningScan(List<Detector> detectors, ObjectMapper mapper) {
    this.detectors = List.copyOf(detectors);
    this.mapper = mapper;
  }

  /** With the built-in poisoning and invisible-Unicode detectors. */
  public static PoisoningScan builtIn(ObjectMapper mapper) {
    Detectors builtIn = Detectors.builtIn();
    return new PoisoningScan(
        builtIn.select(DETECTORS).orElseGet(() -> builtIn.bySet(DetectorSet.INJECTION)), mapper);
  }

  /** What the detectors find; pointers are into the tool's definition ({@code /description}). */
  public List<Finding> scan(McpSchema.Tool tool) {
    JsonNode definition =
        mapper
            .createObjectNode()
            .put("title", tool.title())
            .put("description", tool.description())
            .set("inputSchema", mapper.valueToTree(tool.inputSchema()));
    return Detectors.scan(definition, detectors);
  }
}
