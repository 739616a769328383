/**
 * Rate limits from policy rules ({@code rate: 30/minute}): token buckets behind a small {@link
 * dev.gatehouse.shield.rate.RateLimiter} interface, so a shared (Redis) implementation can replace
 * the in-memory one in a cluster.
 */
package dev.gatehouse.shield.rate;
