/**
 * Cluster mode: state several Gatehouse nodes share through Redis. Rate limits, as token buckets
 * ({@link dev.gatehouse.server.cluster.RedisRateLimiter}); and the wake-up of calls parked on one
 * node by approval decisions taken on another, over pub/sub ({@link
 * dev.gatehouse.server.cluster.ApprovalSignals}; the decisions themselves live in the database).
 * Each node also writes a heartbeat for {@code gatehouse status} ({@link
 * dev.gatehouse.server.cluster.NodeHeartbeat}). All of it goes over the node's Lettuce connections
 * ({@link dev.gatehouse.server.cluster.SharedRedis}). Everything shared fails closed: when Redis
 * cannot answer, a call that needs it (a rate limit, an approval) is refused with a reason, never
 * let through ({@link dev.gatehouse.server.cluster.RedisBackedApprovals}).
 *
 * <p>Only the server module may depend on Redis; the shield sees a plain {@code RateLimiter} and
 * {@code Approvals}.
 */
package dev.gatehouse.server.cluster;
