/**
 * Masking known values (vault secrets, in plain and common encodings) in anything that leaves the
 * gateway: one Aho-Corasick automaton over all of them, so the cost does not grow with their
 * number.
 *
 * <p>The automaton is {@link dev.gatehouse.shield.text.PatternAutomaton}, shared with the
 * detectors; this package depends on {@code text} and the JDK only, not on {@code detect}. It is
 * built with {@code forScanning}: every encoded form of every secret makes far more states than the
 * detectors' words (a PEM key alone, tens of thousands), so once a transition table would pass its
 * limit the automaton keeps sorted per-state edges instead, memory growing with the secrets' total
 * length rather than that times the alphabet.
 */
package dev.gatehouse.shield.redact;
