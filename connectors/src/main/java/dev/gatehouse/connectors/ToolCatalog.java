package dev.gatehouse.connectors;

import dev.gatehouse.shield.Feature;
import dev.gatehouse.shield.PromptDefinition;
import dev.gatehouse.shield.ResourceTarget;
import dev.gatehouse.shield.Target;
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
 * The union of every ready upstream's tools, prompts, resources and resource templates, tools and
 * prompts under the names agents see ({@code <prefix>__<name>}), resources under their own URIs.
 * Rebuilt whenever an upstream's lists change; readers always see one consistent snapshot.
 *
 * <p>Collisions between upstreams are prevented at config load time where they can be (two
 * upstreams with one prefix, or a prefix that extends another by {@code __}). Names beginning
 * {@code <prefix>__} are reserved for the upstream with that prefix, whether or not it is up: an
 * unprefixed upstream listing such a tool or prompt is refused it and reported in {@link
 * #problems()}. A collision only visible at run time (two unprefixed upstreams listing the same
 * tool or prompt, or the same resource URI) keeps the entry of the upstream declared first, and the
 * other is reported in {@link #problems()} and never served under that name. A URI that no listed
 * resource names and that templates of more than one upstream match is owned by nobody: reading it
 * is refused rather than guessed.
 */
public final class ToolCatalog {
  private static final Logger log = LoggerFactory.getLogger(ToolCatalog.class);

  private final List<Upstream> upstreams;
  private final Map<String, String> reservedPrefixes = new LinkedHashMap<>();
  private final List<Consumer<Snapshot>> listeners = new CopyOnWriteArrayList<>();
  private volatile Snapshot snapshot =
      new Snapshot(Map.of(), Map.of(), Map.of(), List.of(), List.of());

  /** One consistent view of the catalog. */
  public record Snapshot(
      Map<String, ToolDefinition> tools,
      Map<String, PromptDefinition> prompts,
      Map<String, CatalogResource> resources,
      List<CatalogTemplate> templates,
      List<String> problems) {
    public Snapshot {
      tools = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tools));
      prompts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(prompts));
      resources = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(resources));
      templates = List.copyOf(templates);
      problems = List.copyOf(problems);
    }

    /**
     * The upstream that owns {@code uri}: the one listing it, else the one whose templates match it
     * (their text goes with the target, for policy). Empty when none does, or when templates of
     * several upstreams match.
     */
    public Optional<ResourceTarget> owner(String uri) {
      CatalogResource listed = resources.get(uri);
      if (listed != null) {
        return Optional.of(new ResourceTarget(uri, listed.upstream()));
      }
      List<CatalogTemplate> matching = templates.stream().filter(t -> t.matches(uri)).toList();
      List<String> owners = matching.stream().map(CatalogTemplate::upstream).distinct().toList();
      return owners.size() == 1
          ? Optional.of(
              new ResourceTarget(
                  uri,
                  owners.get(0),
                  matching.stream().map(t -> t.template().uriTemplate()).distinct().toList()))
          : Optional.empty();
    }
  }

  /**
   * @param upstreams every configured upstream, in config order (which decides run-time collisions)
   */
  public ToolCatalog(List<Upstream> upstreams) {
    this.upstreams = List.copyOf(upstreams);
    this.upstreams.forEach(
        u ->
            u.spec()
                .prefix()
                .ifPresent(p -> reservedPrefixes.put(p + ToolNames.SEPARATOR, u.name())));
    this.upstreams.forEach(u -> u.onListsChanged(this::refresh));
  }

  public Optional<ToolDefinition> find(String exposedName) {
    return Optional.ofNullable(snapshot.tools().get(exposedName));
  }

  /** What an agent's request names, resolved: a tool, a prompt, or the owner of a resource URI. */
  public Optional<? extends Target> resolve(Feature feature, String name) {
    Snapshot current = snapshot;
    return switch (feature) {
      case TOOL -> Optional.ofNullable(current.tools().get(name));
      case PROMPT -> Optional.ofNullable(current.prompts().get(name));
      case RESOURCE -> current.owner(name);
    };
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
    Map<String, PromptDefinition> prompts = new LinkedHashMap<>();
    Map<String, CatalogResource> resources = new LinkedHashMap<>();
    List<CatalogTemplate> templates = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (Upstream upstream : upstreams) {
      for (McpSchema.Tool tool : upstream.tools()) {
        exposedName(upstream, "tool", tool.name(), tools.keySet(), problems, tools::get)
            .ifPresent(
                exposed ->
                    tools.put(
                        exposed,
                        new ToolDefinition(
                            exposed, upstream.name(), tool.name(), rename(tool, exposed))));
      }
      for (McpSchema.Prompt prompt : upstream.prompts()) {
        exposedName(upstream, "prompt", prompt.name(), prompts.keySet(), problems, prompts::get)
            .ifPresent(
                exposed ->
                    prompts.put(
                        exposed,
                        new PromptDefinition(
                            exposed, upstream.name(), prompt.name(), rename(prompt, exposed))));
      }
      for (McpSchema.Resource resource : upstream.resources()) {
        CatalogResource earlier = resources.get(resource.uri());
        if (earlier != null) {
          problems.add(
              "upstream "
                  + upstream.name()
                  + ": resource '"
                  + abbreviate(resource.uri())
                  + "' is not served: upstream "
                  + earlier.upstream()
                  + " already lists that URI");
          continue;
        }
        resources.put(resource.uri(), new CatalogResource(upstream.name(), resource));
      }
      upstream
          .resourceTemplates()
          .forEach(t -> templates.add(new CatalogTemplate(upstream.name(), t)));
    }
    return new Snapshot(tools, prompts, resources, templates, problems);
  }

  /**
   * The name agents see for a tool or prompt of {@code upstream}, or empty (with the problem
   * recorded) when that name is invalid or already taken.
   */
  private Optional<String> exposedName(
      Upstream upstream,
      String kind,
      String name,
      java.util.Set<String> taken,
      List<String> problems,
      java.util.function.Function<String, ? extends Target> earlier) {
    String exposed = ToolNames.exposed(upstream.spec().prefix(), name);
    if (!ToolNames.isValid(exposed)) {
      problems.add(
          notServed(upstream, kind, abbreviate(name))
              + "its name '"
              + abbreviate(exposed)
              + "' is not 1-64 characters of letters, digits, '_' and '-'");
      return Optional.empty();
    }
    Optional<Map.Entry<String, String>> reserved = reservedFor(upstream, name);
    if (reserved.isPresent()) {
      problems.add(
          notServed(upstream, kind, abbreviate(name))
              + "names beginning '"
              + reserved.get().getKey()
              + "' are reserved for upstream "
              + reserved.get().getValue());
      return Optional.empty();
    }
    if (taken.contains(exposed)) {
      problems.add(
          notServed(upstream, kind, exposed)
              + "upstream "
              + earlier.apply(exposed).upstream()
              + " already serves that name (give one of them a prefix)");
      return Optional.empty();
    }
    return Optional.of(exposed);
  }

  /** The start of a problem line: {@code upstream U: tool 'N' is not served: }. */
  private static String notServed(Upstream upstream, String kind, String shownName) {
    return "upstream " + upstream.name() + ": " + kind + " '" + shownName + "' is not served: ";
  }

  /**
   * The reserved {@code <prefix>__} (and the upstream it belongs to) that an unprefixed upstream's
   * {@code name} begins with; a prefixed upstream's names always begin with its own prefix.
   */
  private Optional<Map.Entry<String, String>> reservedFor(Upstream upstream, String name) {
    if (upstream.spec().prefix().isPresent()) {
      return Optional.empty();
    }
    return reservedPrefixes.entrySet().stream()
        .filter(e -> name.startsWith(e.getKey()))
        .findFirst();
  }

  private static McpSchema.Prompt rename(McpSchema.Prompt prompt, String exposed) {
    if (prompt.name().equals(exposed)) {
      return prompt;
    }
    return new McpSchema.Prompt(
        exposed,
        prompt.title(),
        prompt.description(),
        prompt.arguments(),
        prompt.meta(),
        prompt.icons());
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
