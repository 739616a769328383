/** Prometheus metrics (Micrometer): calls, latency, upstream health, policy reloads. */
package dev.gatehouse.server.metrics;
