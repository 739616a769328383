/**
 * Masking known values (vault secrets, in plain and common encodings) in anything that leaves the
 * gateway: one Aho-Corasick automaton over all of them, so the cost does not grow with their
 * number.
 */
package dev.gatehouse.shield.redact;
