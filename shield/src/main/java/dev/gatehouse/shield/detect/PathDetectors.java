package dev.gatehouse.shield.detect;

import static dev.gatehouse.shield.detect.DetectorSet.PATHS;

import java.util.List;

/** Detectors for file paths that escape a directory or name credential and system files. */
final class PathDetectors {
  private static final String DOT = "(?:\\.|%2e|%252e|%c0%ae)";
  private static final String SLASH = "(?:/|\\\\|%2f|%5c|%252f|%255c|%c0%af)";

  private PathDetectors() {}

  static List<Detector> all() {
    return List.of(pathTraversal(), sensitiveFile());
  }

  /**
   * {@code ../} and {@code ..\}, plain, URL-encoded, double-encoded or overlong UTF-8; runs merge.
   */
  static Detector pathTraversal() {
    return NamedDetector.of(
        "path-traversal",
        PATHS,
        AnchoredRegex.of(
            Anchors.literals("..", ".%", "%2e", "%2E", "%25", "%c0", "%C0"),
            "(?i)(?:" + DOT + DOT + SLASH + "){1,64}"));
  }

  /**
   * SSH keys, shadow and passwd files, .env files (not .env.example), cloud and cluster
   * credentials, .netrc, Docker and git credential stores.
   */
  static Detector sensitiveFile() {
    String fileChars = "[A-Za-z0-9._-]{0,64}";
    return NamedDetector.of(
        "sensitive-file",
        PATHS,
        AnchoredRegex.of(
            Anchors.keywords(
                ".ssh",
                "id_rsa",
                "id_dsa",
                "id_ecdsa",
                "id_ed25519",
                "/etc/",
                ".env",
                ".aws",
                ".config",
                ".kube",
                ".netrc",
                "_netrc",
                ".docker",
                ".git-credentials",
                ".pgpass",
                ".npmrc",
                ".pypirc"),
            "(?i)(?:"
                + "\\.ssh[/\\\\]"
                + fileChars
                + "|(?<![A-Za-z0-9])id_(?:rsa|dsa|ecdsa|ed25519)(?![A-Za-z0-9])(?!\\.pub)"
                + "|/etc/(?:shadow|gshadow|passwd|master\\.passwd|sudoers)(?![A-Za-z0-9_])"
                + "|(?<![A-Za-z0-9_$])\\.env(?!\\.(?:example|sample|template|dist)(?![A-Za-z0-9]))"
                + "(?:\\.[A-Za-z0-9_-]{1,30})?(?![A-Za-z0-9_-])"
                + "|\\.aws[/\\\\](?:credentials|config)(?![A-Za-z0-9])"
                + "|\\.config[/\\\\]gcloud(?![A-Za-z0-9])[/\\\\]?"
                + fileChars
                + "|\\.kube[/\\\\]config(?![A-Za-z0-9])"
                + "|(?<![A-Za-z0-9])[._]netrc(?![A-Za-z0-9])"
                + "|\\.docker[/\\\\]config\\.json"
                + "|\\.git-credentials(?![A-Za-z0-9])"
                + "|\\.pgpass(?![A-Za-z0-9])"
                + "|\\.npmrc(?![A-Za-z0-9])"
                + "|\\.pypirc(?![A-Za-z0-9])"
                + ")"));
  }
}
