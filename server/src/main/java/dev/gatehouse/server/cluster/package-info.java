/**
 * Cluster mode: state several Gatehouse nodes share. Today that is rate limits, as token buckets in
 * Redis ({@link dev.gatehouse.server.cluster.RedisRateLimiter}) over one Lettuce connection ({@link
 * dev.gatehouse.server.cluster.SharedRedis}), and each node's heartbeat for {@code gatehouse
 * status} ({@link dev.gatehouse.server.cluster.NodeHeartbeat}). Everything shared fails closed:
 * when Redis cannot answer, a call that needs it is refused with a reason, never let through.
 *
 * <p>Only the server module may depend on Redis; the shield sees a plain {@code RateLimiter}.
 */
package dev.gatehouse.server.cluster;
