package dev.gatehouse.connectors.vault;

import dev.gatehouse.shield.yaml.Location;

/**
 * A {@code ${secret:NAME}} in the config: which secret, which upstream may receive it, and where.
 */
public record SecretReference(String name, String upstream, Location location) {}
