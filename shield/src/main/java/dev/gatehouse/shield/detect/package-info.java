/**
 * Built-in detectors: secrets, PII, destructive operations, sensitive paths, SSRF targets and
 * injection markers, each usable from policy rules by name and by set.
 */
package dev.gatehouse.shield.detect;
