package dev.gatehouse.shield.detect;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.shield.Finding;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Every string of a JSON tree (values and object keys) in document order, each with its JSON
 * Pointer and the detectors that may fire in it. Built in one pass over the tree and its text;
 * detectors then run only on the strings their triggers picked, so asking for many detectors, one
 * at a time or together, costs one pass plus the work near candidates.
 *
 * <p>Not thread-safe: one instance serves one call.
 */
public final class JsonStrings {
  private final Prefilter prefilter;
  private String[] texts = new String[64];
  private long[] candidates = new long[64];
  private Location[] locations = new Location[64];
  private String[] pointers = new String[64];
  private int size;

  /** The candidates of all strings together: a detector outside it fires nowhere. */
  private long anywhere;

  private char[] buffer = new char[256];

  /** Where a string sits: under {@code parent}, at {@code key} (an object's) or {@code index}. */
  private record Location(Location parent, String key, int index) {
    void appendTo(StringBuilder pointer) {
      if (parent != null) {
        parent.appendTo(pointer);
      }
      pointer.append('/');
      if (key == null) {
        pointer.append(index);
      } else {
        boolean plain = key.indexOf('~') < 0 && key.indexOf('/') < 0;
        pointer.append(plain ? key : key.replace("~", "~0").replace("/", "~1"));
      }
    }
  }

  JsonStrings(JsonNode node, Prefilter prefilter) {
    this.prefilter = prefilter;
    collect(node, null);
  }

  private void collect(JsonNode node, Location location) {
    if (node == null) {
      return;
    }
    if (node.isTextual()) {
      add(node.textValue(), location);
    } else if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        Location child = new Location(location, field.getKey(), -1);
        add(field.getKey(), child);
        collect(field.getValue(), child);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        collect(node.get(i), new Location(location, null, i));
      }
    }
  }

  private void add(String text, Location location) {
    if (size == texts.length) {
      int grown = size * 2;
      texts = Arrays.copyOf(texts, grown);
      candidates = Arrays.copyOf(candidates, grown);
      locations = Arrays.copyOf(locations, grown);
      pointers = Arrays.copyOf(pointers, grown);
    }
    texts[size] = text;
    if (buffer.length < text.length()) {
      buffer = new char[Math.max(text.length(), 2 * buffer.length)];
    }
    text.getChars(0, text.length(), buffer, 0);
    candidates[size] = prefilter.candidates(buffer, text.length());
    anywhere |= candidates[size];
    locations[size] = location;
    size++;
  }

  /** What {@code detector} finds: one finding per string it fires in, in document order. */
  public List<Finding> findings(Detector detector) {
    return findings(List.of(detector));
  }

  /**
   * What the detectors find: one finding per detector and string, in document order and, within a
   * string, in the order of {@code detectors}.
   */
  public List<Finding> findings(Collection<Detector> detectors) {
    Detector[] each = detectors.toArray(Detector[]::new);
    long[] bits = new long[each.length];
    long any = 0;
    for (int k = 0; k < each.length; k++) {
      bits[k] = prefilter.bitOf(each[k]);
      any |= bits[k];
    }
    if ((anywhere & any) == 0) {
      return List.of();
    }
    List<Finding> findings = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      if ((candidates[i] & any) == 0) {
        continue;
      }
      for (int k = 0; k < each.length; k++) {
        if ((candidates[i] & bits[k]) != 0 && !each[k].find(texts[i]).isEmpty()) {
          findings.add(new Finding(each[k].name(), pointer(i)));
        }
      }
    }
    return List.copyOf(findings);
  }

  private String pointer(int i) {
    if (pointers[i] == null) {
      StringBuilder pointer = new StringBuilder();
      if (locations[i] != null) {
        locations[i].appendTo(pointer);
      }
      pointers[i] = pointer.toString();
    }
    return pointers[i];
  }
}
