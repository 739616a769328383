/**
 * Masking known values (vault secrets, in plain and common encodings) in anything that leaves the
 * gateway: one Aho-Corasick automaton over all of them, so the cost does not grow with their
 * number.
 *
 * <p>The automaton is {@link dev.gatehouse.shield.text.PatternAutomaton}, shared with the
 * detectors; this package depends on {@code text} and the JDK only, not on {@code detect}.
 */
package dev.gatehouse.shield.redact;
