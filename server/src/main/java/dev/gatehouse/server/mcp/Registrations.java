package dev.gatehouse.server.mcp;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Keeps one of the SDK server's registries (tools, prompts, resources or templates) equal to the
 * catalog's entries: removes what is gone or changed, adds what is new. An entry the SDK refuses is
 * left out and reported, never taking the gateway down.
 *
 * @param <T> the SDK's definition type ({@code Tool}, {@code Prompt}, ...)
 */
final class Registrations<T> {
  private static final Logger log = LoggerFactory.getLogger(Registrations.class);
  private static final Duration SDK_TIMEOUT = Duration.ofSeconds(10);

  private final String kind;
  private final Function<T, Mono<Void>> add;
  private final Function<String, Mono<Void>> remove;
  private final Map<String, T> registered = new HashMap<>();
  private final Map<String, String> refused = new ConcurrentHashMap<>();

  /**
   * @param kind what the entries are, for messages ({@code tool}, {@code prompt}, ...)
   * @param add registers one entry with the SDK server
   * @param remove unregisters the entry with that key
   */
  Registrations(String kind, Function<T, Mono<Void>> add, Function<String, Mono<Void>> remove) {
    this.kind = kind;
    this.add = add;
    this.remove = remove;
  }

  /**
   * @param wanted the entries to serve, by key (name, URI or URI template), in catalog order
   * @param upstreams the upstream of each key, for messages
   */
  synchronized void sync(Map<String, T> wanted, Map<String, String> upstreams) {
    for (String key : Set.copyOf(registered.keySet())) {
      T next = wanted.get(key);
      if (next == null || !next.equals(registered.get(key))) {
        remove.apply(key).block(SDK_TIMEOUT);
        registered.remove(key);
      }
    }
    refused.keySet().retainAll(wanted.keySet());
    for (Map.Entry<String, T> entry : new LinkedHashMap<>(wanted).entrySet()) {
      if (registered.containsKey(entry.getKey())) {
        continue;
      }
      try {
        add.apply(entry.getValue()).block(SDK_TIMEOUT);
        registered.put(entry.getKey(), entry.getValue());
        refused.remove(entry.getKey());
      } catch (RuntimeException e) {
        String why = "the SDK refused it: " + e.getMessage();
        refused.put(entry.getKey(), why);
        log.warn(
            "{} {} of upstream {} is not served: {}",
            kind,
            entry.getKey(),
            upstreams.get(entry.getKey()),
            why);
      }
    }
  }

  synchronized boolean isRegistered(String key) {
    return registered.containsKey(key);
  }

  List<String> problems() {
    return refused.entrySet().stream()
        .map(e -> kind + " " + e.getKey() + " is not served: " + e.getValue())
        .sorted()
        .toList();
  }
}
