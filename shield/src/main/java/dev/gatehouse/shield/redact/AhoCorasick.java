package dev.gatehouse.shield.redact;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;

/**
 * A multi-pattern matcher over chars: finds every occurrence of any pattern in one pass, in time
 * linear in the text. Immutable after construction.
 */
final class AhoCorasick {
  /** One occurrence: [start, end) of the pattern with index {@code pattern}. */
  record Hit(int start, int end, int pattern) {}

  private final List<Map<Character, Integer>> next = new ArrayList<>();
  private final List<Integer> fail = new ArrayList<>();
  private final List<List<Integer>> outputs = new ArrayList<>();
  private final int[] lengths;

  AhoCorasick(List<String> patterns) {
    lengths = new int[patterns.size()];
    newNode();
    for (int p = 0; p < patterns.size(); p++) {
      String pattern = patterns.get(p);
      lengths[p] = pattern.length();
      int node = 0;
      for (int i = 0; i < pattern.length(); i++) {
        char c = pattern.charAt(i);
        Integer child = next.get(node).get(c);
        if (child == null) {
          child = newNode();
          next.get(node).put(c, child);
        }
        node = child;
      }
      outputs.get(node).add(p);
    }
    buildFailureLinks();
  }

  private int newNode() {
    next.add(new HashMap<>());
    fail.add(0);
    outputs.add(new ArrayList<>());
    return next.size() - 1;
  }

  private void buildFailureLinks() {
    Queue<Integer> queue = new ArrayDeque<>(next.get(0).values());
    while (!queue.isEmpty()) {
      int node = queue.remove();
      for (Map.Entry<Character, Integer> edge : next.get(node).entrySet()) {
        int child = edge.getValue();
        int f = fail.get(node);
        while (f != 0 && !next.get(f).containsKey(edge.getKey())) {
          f = fail.get(f);
        }
        Integer target = next.get(f).get(edge.getKey());
        fail.set(child, target != null && target != child ? target : 0);
        outputs.get(child).addAll(outputs.get(fail.get(child)));
        queue.add(child);
      }
    }
  }

  List<Hit> find(CharSequence text) {
    List<Hit> hits = new ArrayList<>();
    int node = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      while (node != 0 && !next.get(node).containsKey(c)) {
        node = fail.get(node);
      }
      node = next.get(node).getOrDefault(c, 0);
      for (int p : outputs.get(node)) {
        hits.add(new Hit(i + 1 - lengths[p], i + 1, p));
      }
    }
    return hits;
  }
}
