/**
 * {@code gatehouse bench}: measures the latency the gateway adds to a tool call, by calling one
 * echo upstream directly and through a full gateway (pipeline and audit on), in alternating rounds
 * ({@link dev.gatehouse.server.bench.Comparison}) — an in-process gateway by default, with a
 * do-nothing forwarder beside it for reference ({@code --bare-hop}, {@link
 * dev.gatehouse.server.bench.BareHop}), or gateways already running ({@code --against}, e.g. a
 * cluster behind HAProxy) in front of {@code gatehouse bench upstream}. Also the session-memory,
 * shield-only and audit-append benchmarks.
 */
package dev.gatehouse.server.bench;
