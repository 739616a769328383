package dev.gatehouse.connectors;

import dev.gatehouse.shield.ToolDefinition;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The union of every ready upstream's tools under the names agents see. Rebuilt whenever an
 * upstream's tools change; readers always see one consistent snapshot.
 *
 * <p>Collisions between upstreams are prevented at config load time where they can be (two
 * upstreams with one prefix). A collision only visible at run time (two unprefixed upstreams
 * listing the same tool) keeps the tool of the upstream declared first, and the other is reported
 * in {@link #problems()} and never served under that name.
 */
public final class ToolCatalog {
  private static final Logger log = LoggerFactory.getLogger(ToolCatalog.class);

  private final List<Upstream> upstreams;
  private final List<Consumer<Snapshot>> listeners = new CopyOnWriteArrayList<>();
  private volatile Snapshot snapshot = new Snapshot(Map.of(), List.of());

  /** One consistent view of the catalog. */
  public record Snapshot(Map<String, ToolDefinition> tools, List<String> problems) {
    public Snapshot {
      tools = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tools));
      problems = List.copyOf(problems);
    }
  }

  /**
   * @param upstreams every configured upstream, in config order (which decides run-time collisions)
   */
  public ToolCatalog(List<Upstream> upstreams) {
    this.upstreams = List.copyOf(upstreams);
    this.upstreams.forEach(u -> u.onToolsChanged(this::refresh));
  }

  public Optional<ToolDefinition> find(String exposedName) {
    return Optional.ofNullable(snapshot.tools().get(exposedName));
  }

  public Snapshot snapshot() {
    return snapshot;
  }

  public List<String> problems() {
    return snapshot.problems();
  }

  public Optional<Upstream> upstream(String name) {
    return upstreams.stream().filter(u -> u.name().equals(name)).findFirst();
  }

  public List<Upstream> upstreams() {
    return upstreams;
  }

  /** Called with each new snapshot. */
  public void onChange(Consumer<Snapshot> listener) {
    listeners.add(listener);
  }

  /** Rebuilds the snapshot from the upstreams' current tools and tells the listeners. */
  public void refresh() {
    Snapshot next;
    synchronized (this) {
      next = build();
      snapshot = next;
    }
    next.problems().forEach(p -> log.warn("tool catalog: {}", p));
    listeners.forEach(l -> l.accept(next));
  }

  private Snapshot build() {
    Map<String, ToolDefinition> tools = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (Upstream upstream : upstreams) {
      for (McpSchema.Tool tool : upstream.tools()) {
        String exposed = ToolNames.exposed(upstream.spec().prefix(), tool.name());
        if (!ToolNames.isValid(exposed)) {
          problems.add(
              "upstream "
                  + upstream.name()
                  + ": tool '"
                  + abbreviate(tool.name())
                  + "' is not served: its name '"
                  + abbreviate(exposed)
                  + "' is not 1-64 characters of letters, digits, '_' and '-'");
          continue;
        }
        ToolDefinition earlier = tools.get(exposed);
        if (earlier != null) {
          problems.add(
              "upstream "
                  + upstream.name()
                  + ": tool '"
                  + exposed
                  + "' is not served: upstream "
                  + earlier.upstream()
                  + " already serves that name (give one of them a prefix)");
          continue;
        }
        tools.put(
            exposed,
            new ToolDefinition(exposed, upstream.name(), tool.name(), rename(tool, exposed)));
      }
    }
    return new Snapshot(tools, problems);
  }

  private static McpSchema.Tool rename(McpSchema.Tool tool, String exposed) {
    if (tool.name().equals(exposed)) {
      return tool;
    }
    return new McpSchema.Tool(
        exposed,
        tool.title(),
        tool.description(),
        tool.inputSchema(),
        tool.outputSchema(),
        tool.annotations(),
        tool.meta(),
        tool.icons());
  }

  private static String abbreviate(String name) {
    return name.length() > 80 ? name.substring(0, 80) + "..." : name;
  }
}
