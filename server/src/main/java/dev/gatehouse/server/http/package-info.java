/**
 * The HTTP front door: Jetty 12 (ee11) on virtual threads, filters that run before the SDK's
 * Streamable HTTP servlet (Host/Origin check, bearer authentication and session binding, JSON-RPC
 * tagging for cancellation, clean error bodies), and the health endpoint.
 */
package dev.gatehouse.server.http;
