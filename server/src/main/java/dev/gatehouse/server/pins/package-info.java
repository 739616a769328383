/**
 * Tool pinning in the running gateway: first sight pins a definition, a change quarantines the tool
 * (hidden and refused) until {@code gatehouse tools approve}.
 */
package dev.gatehouse.server.pins;
