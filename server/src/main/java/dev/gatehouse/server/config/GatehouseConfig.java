package dev.gatehouse.server.config;

import dev.gatehouse.approvals.ApprovalSettings;
import dev.gatehouse.connectors.UpstreamSpec;
import dev.gatehouse.connectors.vault.SecretReference;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A loaded, checked {@code gatehouse.yaml}.
 *
 * @param source the file it came from
 * @param policies the policy directory, when configured
 * @param vault where the vault's keyset comes from
 * @param secretReferences every {@code ${secret:NAME}} in the file, with its upstream and place
 * @param approvals how calls wait for a human, and where approvers are asked
 * @param cluster this node's name and the stores it shares with other nodes, when clustered
 */
public record GatehouseConfig(
    Path source,
    ServerSettings server,
    List<UpstreamSpec> upstreams,
    Optional<Path> policies,
    VaultSettings vault,
    List<SecretReference> secretReferences,
    ApprovalSettings approvals,
    Optional<ClusterSettings> cluster) {
  public GatehouseConfig {
    upstreams = List.copyOf(upstreams);
    secretReferences = List.copyOf(secretReferences);
  }

  /** A config without vault settings or secret references (tests, the benchmark). */
  public static GatehouseConfig of(
      Path source, ServerSettings server, List<UpstreamSpec> upstreams) {
    return new GatehouseConfig(
        source,
        server,
        upstreams,
        Optional.empty(),
        VaultSettings.DEFAULT,
        List.of(),
        ApprovalSettings.DEFAULT,
        Optional.empty());
  }

  /** The same config without upstreams and policies: for commands that only need the store. */
  public GatehouseConfig storeOnly() {
    return new GatehouseConfig(
        source, server, List.of(), Optional.empty(), vault, secretReferences, approvals, cluster);
  }

  /** The same config with the given policy directory. */
  public GatehouseConfig withPolicies(Path directory) {
    return new GatehouseConfig(
        source,
        server,
        upstreams,
        Optional.of(directory),
        vault,
        secretReferences,
        approvals,
        cluster);
  }

  /** The same config with the given approval settings. */
  public GatehouseConfig withApprovals(ApprovalSettings settings) {
    return new GatehouseConfig(
        source, server, upstreams, policies, vault, secretReferences, settings, cluster);
  }

  /** The same config with the given cluster settings. */
  public GatehouseConfig withCluster(ClusterSettings settings) {
    return new GatehouseConfig(
        source,
        server,
        upstreams,
        policies,
        vault,
        secretReferences,
        approvals,
        Optional.of(settings));
  }
}
