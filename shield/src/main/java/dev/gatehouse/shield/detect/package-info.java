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
 * <p>Before any detector runs on a text, a {@code Prefilter} built once for all detectors reads it
 * in one pass: each detector declares its {@link dev.gatehouse.shield.detect.Triggers} (words such
 * as {@code AKIA} or {@code ://}, digit runs, capitals before a digit, high code units), all words
 * go into one case-insensitive automaton ({@link dev.gatehouse.shield.text.PatternAutomaton}, the
 * shield's one multi-pattern matcher, also behind {@code Anchors.keywords}), and a detector runs
 * only on texts where one of its triggers holds. {@link dev.gatehouse.shield.detect.JsonStrings}
 * collects a JSON tree's strings with their prefilter answers once, however many detectors are then
 * asked about it.
 *
 * <p>This package does no I/O: no DNS lookups, no files, no network. It depends on the JDK and on
 * Jackson (JSON trees, JWT headers) only.
 */
package dev.gatehouse.shield.detect;
