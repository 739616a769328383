package dev.gatehouse.connectors;

import java.time.Instant;
import java.util.Optional;

/**
 * What {@code gatehouse status} and {@code /healthz} show about one upstream.
 *
 * @param detail why it is down, in words safe to show an operator (no secrets, no URLs with
 *     credentials)
 * @param nextAttempt when a restart is scheduled, for a DOWN upstream
 */
public record UpstreamStatus(
    String name,
    String type,
    UpstreamState state,
    Instant since,
    int restarts,
    int tools,
    String detail,
    Optional<Instant> nextAttempt) {}
