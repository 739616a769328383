/**
 * Text matching shared by detection and redaction: {@link
 * dev.gatehouse.shield.text.PatternAutomaton}, the one multi-pattern (Aho-Corasick) automaton of
 * the shield, used for trigger words ({@code detect.Prefilter}), keyword anchors ({@code
 * detect.Keywords}) and vault secret values ({@code redact.SecretRedactor}).
 *
 * <p>It is its own package, rather than part of {@code detect}, so that {@code redact} need not
 * depend on the detectors to find secrets, nor {@code detect} on redaction: both depend on this
 * package, and this package depends on the JDK only, never on any other shield package.
 */
package dev.gatehouse.shield.text;
