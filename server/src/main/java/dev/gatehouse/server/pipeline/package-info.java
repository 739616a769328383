/** The server's own pipeline stages: those that need the store or the token verifier. */
package dev.gatehouse.server.pipeline;
