package dev.gatehouse.connectors;

/** Where an upstream is in its life. */
public enum UpstreamState {
  /** connecting or initializing */
  STARTING,
  /** initialized; its tools are in the catalog */
  READY,
  /** failed or died; a restart is scheduled */
  DOWN,
  /** closed by the gateway */
  STOPPED
}
