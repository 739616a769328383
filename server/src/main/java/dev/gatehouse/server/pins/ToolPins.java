package dev.gatehouse.server.pins;

import dev.gatehouse.server.audit.GatewayEvents;
import dev.gatehouse.server.store.PinStore;
import dev.gatehouse.shield.Finding;
import dev.gatehouse.shield.ToolDefinition;
import dev.gatehouse.shield.pin.PinVerdict;
import dev.gatehouse.shield.pin.PoisoningScan;
import dev.gatehouse.shield.pin.ToolFingerprint;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, per catalog tool, whether its definition is the pinned one. The pins are read from the
 * store at most {@link #REFRESH} late, so an approval made by {@code gatehouse tools approve} in
 * another process takes effect within that time; when a verdict flips, listeners are told (the
 * front doors then send {@code tools/list_changed}).
 */
public final class ToolPins {
  public static final Duration REFRESH = Duration.ofSeconds(1);
  private static final Logger log = LoggerFactory.getLogger(ToolPins.class);

  private final PinStore store;
  private final InstantSource clock;
  private final PoisoningScan poisoning;
  private final GatewayEvents events;

  /** The last definition seen per tool key and its fingerprint; one entry per tool. */
  private final Map<String, Fingerprinted> fingerprints = new ConcurrentHashMap<>();

  private final Map<String, Boolean> lastTrusted = new ConcurrentHashMap<>();
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private volatile Map<String, PinStore.PinRow> pins = Map.of();
  private volatile Instant loadedAt = Instant.MIN;

  public ToolPins(
      PinStore store, InstantSource clock, PoisoningScan poisoning, GatewayEvents events) {
    this.store = store;
    this.clock = clock;
    this.poisoning = poisoning;
    this.events = events;
  }

  /** Called when any tool's verdict changes. */
  public void onVerdictChange(Runnable listener) {
    listeners.add(listener);
  }

  public PinVerdict verdict(ToolDefinition tool) {
    String key = key(tool.upstream(), tool.upstreamToolName());
    ToolFingerprint fingerprint = fingerprint(key, tool);
    PinStore.PinRow pin = current().get(key);
    if (pin == null) {
      return firstSight(tool, fingerprint);
    }
    if (pin.approvedSha().filter(fingerprint.sha256()::equals).isPresent()) {
      return PinVerdict.TRUSTED;
    }
    if (!pin.seenSha().equals(fingerprint.sha256())) {
      store.seen(
          tool.upstream(),
          tool.upstreamToolName(),
          tool.exposedName(),
          fingerprint.sha256(),
          fingerprint.canonicalJson(),
          clock.instant());
      refresh(tool);
      events.toolQuarantined(
          tool.exposedName(),
          tool.upstream(),
          quarantinedReason(tool, pin.approvedSha().isEmpty()));
      log.warn(
          "tool {} of upstream {} changed its definition since it was pinned; quarantined until"
              + " 'gatehouse tools approve {}'",
          tool.exposedName(),
          tool.upstream(),
          tool.exposedName());
    }
    return quarantined(tool, pin.approvedSha().isEmpty());
  }

  /**
   * Pins a tool seen for the first time: trusted, unless its definition looks poisoned, in which
   * case it is quarantined on arrival.
   */
  private PinVerdict firstSight(ToolDefinition tool, ToolFingerprint fingerprint) {
    List<Finding> findings = poisoning.scan(tool.tool());
    boolean trusted = findings.isEmpty();
    store.firstSight(
        tool.upstream(),
        tool.upstreamToolName(),
        tool.exposedName(),
        fingerprint.sha256(),
        fingerprint.canonicalJson(),
        trusted,
        clock.instant());
    refresh(tool);
    if (trusted) {
      log.info("pinned tool {} of upstream {} on first sight", tool.exposedName(), tool.upstream());
      return PinVerdict.TRUSTED;
    }
    events.toolQuarantined(
        tool.exposedName(),
        tool.upstream(),
        quarantinedReason(tool, true)
            + " ("
            + findings.stream().map(f -> f.detector() + " at " + f.pointer()).toList()
            + ")");
    log.warn(
        "tool {} of upstream {} looks poisoned ({}); quarantined on arrival until 'gatehouse tools"
            + " approve {}'",
        tool.exposedName(),
        tool.upstream(),
        findings.stream().map(f -> f.detector() + " at " + f.pointer()).toList(),
        tool.exposedName());
    return quarantined(tool, true);
  }

  private static PinVerdict quarantined(ToolDefinition tool, boolean onArrival) {
    return new PinVerdict.Quarantined(quarantinedReason(tool, onArrival));
  }

  private static String quarantinedReason(ToolDefinition tool, boolean onArrival) {
    return onArrival
        ? "tool "
            + tool.exposedName()
            + " was quarantined on arrival because its definition looks like tool poisoning;"
            + " an operator must approve it"
        : "tool "
            + tool.exposedName()
            + " changed its definition since it was approved and is quarantined until an"
            + " operator approves the change";
  }

  /** Re-evaluates every tool and tells the listeners if any verdict flipped. */
  public void recheck(Collection<ToolDefinition> tools) {
    boolean flipped = false;
    Map<String, Boolean> now = new HashMap<>();
    for (ToolDefinition tool : tools) {
      boolean trusted = verdict(tool) instanceof PinVerdict.Trusted;
      now.put(tool.exposedName(), trusted);
      Boolean before = lastTrusted.put(tool.exposedName(), trusted);
      flipped |= before != null && before != trusted;
    }
    lastTrusted.keySet().retainAll(now.keySet());
    if (flipped) {
      listeners.forEach(Runnable::run);
    }
  }

  private Map<String, PinStore.PinRow> current() {
    if (clock.instant().isAfter(loadedAt.plus(REFRESH))) {
      reload();
    }
    return pins;
  }

  /** Re-reads one tool's pin after writing it (a full reload per new tool would be quadratic). */
  private synchronized void refresh(ToolDefinition tool) {
    Map<String, PinStore.PinRow> updated = new HashMap<>(pins);
    store
        .find(tool.upstream(), tool.upstreamToolName())
        .ifPresent(row -> updated.put(key(row.upstream(), row.tool()), row));
    pins = Map.copyOf(updated);
  }

  private synchronized void reload() {
    Map<String, PinStore.PinRow> loaded = new HashMap<>();
    for (PinStore.PinRow row : store.all()) {
      loaded.put(key(row.upstream(), row.tool()), row);
    }
    pins = Map.copyOf(loaded);
    loadedAt = clock.instant();
  }

  private record Fingerprinted(McpSchema.Tool tool, ToolFingerprint fingerprint) {}

  /**
   * The tool's fingerprint, computed once per catalog snapshot: the same definition object is
   * recognized by identity, so a call does not hash the whole definition (its input schema
   * included) on its way through.
   */
  private ToolFingerprint fingerprint(String key, ToolDefinition tool) {
    Fingerprinted last = fingerprints.get(key);
    if (last != null && last.tool() == tool.tool()) {
      return last.fingerprint();
    }
    ToolFingerprint fingerprint =
        last != null && last.tool().equals(tool.tool())
            ? last.fingerprint()
            : ToolFingerprint.of(tool.upstreamToolName(), tool.tool());
    fingerprints.put(key, new Fingerprinted(tool.tool(), fingerprint));
    return fingerprint;
  }

  private static String key(String upstream, String tool) {
    return upstream + "\u0000" + tool;
  }
}
