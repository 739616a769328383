package dev.gatehouse.shield.detect;

import static dev.gatehouse.shield.detect.DetectorSet.INJECTION;

import java.util.List;

/**
 * Detectors for text aimed at the model rather than the user: injected instructions in tool
 * results, poisoned tool descriptions, and characters that hide text from people.
 *
 * <p>The phrase patterns are written with single spaces, each of which matches one to ten
 * whitespace characters; every alternative is tried only where one of its anchor words occurs.
 */
final class InjectionDetectors {
  private static final String EARLIER =
      "(?:previous|prior|earlier|preceding|foregoing|original|system)";
  private static final String ORDERS =
      "(?:instructions?|prompts?|rules|directions|guidelines|guidance|messages|context|commands)";
  private static final String SECRET_FILES =
      "(?:~/\\.ssh|\\.ssh/|id_rsa|id_ed25519|\\.aws/credentials|\\.env(?![A-Za-z])|/etc/passwd"
          + "|/etc/shadow|mcp\\.json|private keys?|ssh keys?|credentials file"
          + "|conversation history)";

  private InjectionDetectors() {}

  static List<Detector> all() {
    return List.of(
        promptInjection(),
        toolPoisoning(),
        NamedDetector.of("invisible-unicode", INJECTION, new InvisibleUnicode()));
  }

  static Detector promptInjection() {
    return NamedDetector.of(
        "prompt-injection",
        INJECTION,
        phrases(
            Anchors.keywords(
                "ignore",
                "disregard",
                "forget",
                "override",
                "you",
                "new",
                "updated",
                "system",
                "<important",
                "<system",
                "</system",
                "[system",
                "<|im_start|>",
                "do",
                "don't",
                "never"),
            List.of(
                "(?:ignore|disregard|forget|override) (?:(?:all|any|everything) )?(?:of )?"
                    + "(?:(?:the|your|my|these|those) )?(?:"
                    + EARLIER
                    + " "
                    + ORDERS
                    + "|above)",
                "disregard (?:(?:all|any) )?(?:(?:the|your) )?" + ORDERS,
                "you are now (?:an?|the|my|dan|jailbroken|unrestricted|free|in \\w{1,20} mode"
                    + "|no longer)(?![A-Za-z])",
                "(?:new|updated) instructions?\\s{0,4}:",
                "system prompt",
                "<\\s{0,3}/?\\s{0,3}(?:important|system)\\s{0,3}>",
                "\\[\\s{0,3}system\\s{0,3}\\]",
                "<\\|im_start\\|>",
                "(?:do not|don't|never) (?:tell|inform|reveal|mention)(?: (?:this|that|it|anything))?"
                    + "(?: (?:to|with))? the user")));
  }

  static Detector toolPoisoning() {
    return NamedDetector.of(
        "tool-poisoning",
        INJECTION,
        phrases(
            Anchors.keywords(
                "<important",
                "<system",
                "<hidden",
                "<secret",
                "<instructions",
                "before",
                "read",
                "open",
                "cat",
                "include",
                "access",
                "fetch",
                "pass",
                "send",
                "upload",
                "provide",
                "extract",
                "post",
                "exfiltrate",
                "forward",
                "transmit",
                "leak",
                "do",
                "don't",
                "never"),
            List.of(
                "<\\s{0,3}(?:important|system|hidden|secret|instructions)\\s{0,3}>",
                "before (?:using|calling|invoking|running) (?:this|the|any) tool[^\\n]{0,80}?"
                    + "(?:read|open|cat|fetch|load|include|pass|send)(?![A-Za-z])",
                "(?:read|open|cat|include|access|fetch|pass|send|upload|provide|extract) "
                    + "[^\\n]{0,60}?"
                    + SECRET_FILES,
                "(?:send|post|upload|exfiltrate|forward|transmit|leak) [^\\n]{0,80}?"
                    + "(?:https?://|to (?:the )?(?:following )?(?:url|endpoint|server|webhook))",
                "(?:do not|don't|never) (?:mention|tell|reveal|disclose|inform|show|let) "
                    + "[^\\n]{0,40}?(?:the )?user")));
  }

  /** Case-insensitive alternatives; words match whole at their start; a space is 1..10 spaces. */
  private static Finder phrases(Anchors anchors, List<String> alternatives) {
    String wordStartsHere = "(?:(?<![A-Za-z0-9])(?=[A-Za-z])|(?![A-Za-z]))";
    String regex = "(?i)" + wordStartsHere + "(?:" + String.join("|", alternatives) + ")";
    return AnchoredRegex.of(Anchors.wordStarts(anchors), regex.replace(" ", "\\s{1,10}"));
  }
}
