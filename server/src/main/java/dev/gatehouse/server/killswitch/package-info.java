/**
 * The kill switch: an operator stops every relayed request on every node at once, from the CLI or
 * the admin API. Its state is durable in the store, which is the truth; each node reads it on a
 * timer every {@link dev.gatehouse.server.killswitch.KillSwitch#REFRESH_EVERY}. Depends on the
 * store and the audit events, never on front doors.
 */
package dev.gatehouse.server.killswitch;
