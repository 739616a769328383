/**
 * The real tools behind Gatehouse: {@link dev.gatehouse.connectors.Upstream}s, the namespaced
 * {@link dev.gatehouse.connectors.ToolCatalog}, and the {@link dev.gatehouse.connectors.RelayStage}
 * that hands a call to its upstream. Depends on the shield's pipeline contract and the MCP SDK's
 * client side; never on the server module.
 */
package dev.gatehouse.connectors;
