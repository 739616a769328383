/**
 * Built-in detectors: secrets, PII, destructive operations, sensitive paths, SSRF targets and
 * injection markers, each usable from policy rules by name and by set.
 *
 * <p>Every detector is a {@link dev.gatehouse.shield.detect.Detector} made of finders. Most finders
 * are an {@code AnchoredRegex}: a cheap pass ({@code Anchors}: {@code String.indexOf}, a
 * case-insensitive keyword automaton, or a digit-run scan) finds where a candidate may start, and a
 * regular expression with bounded quantifiers is tried only there; the rest (emails, IBANs, SQL,
 * SSRF hosts, invisible characters) are hand-written single-pass scanners. Either way a scan is
 * linear in the text, whatever the text holds.
 *
 * <p>This package does no I/O: no DNS lookups, no files, no network. It depends on the JDK and on
 * Jackson (JSON trees, JWT headers) only.
 */
package dev.gatehouse.shield.detect;
