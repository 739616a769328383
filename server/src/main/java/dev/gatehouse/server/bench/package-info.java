/**
 * {@code gatehouse bench}: measures the latency the gateway adds to a tool call, by calling one
 * in-process echo upstream directly and through a full gateway (pipeline and audit on), in
 * alternating rounds.
 */
package dev.gatehouse.server.bench;
