package dev.gatehouse.shield.detect;

import static dev.gatehouse.shield.detect.Detected.assertFinds;
import static dev.gatehouse.shield.detect.Detected.assertSilent;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PathDetectorsTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiterString = " => ",
      value = {
        "../../etc/passwd => ../../",
        "..\\..\\windows\\win.ini => ..\\..\\",
        "/files?name=%2e%2e%2fsecret => %2e%2e%2f",
        "/static/..%2f..%2fapp.py => ..%2f..%2f",
        "%2E%2E%5Cboot.ini => %2E%2E%5C",
        "%252e%252e%252fetc => %252e%252e%252f",
        ".%2e/x => .%2e/",
      })
  void findsTraversal(String text, String expected) {
    assertFinds("path-traversal", text, expected);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "./src/main",
        "wait... what",
        "version 1..2",
        "file.tar.gz",
        "a/b/c",
        "%2e/x",
        "..."
      })
  void ignoresOrdinaryPaths(String text) {
    assertSilent("path-traversal", text);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiterString = " => ",
      value = {
        "cat ~/.ssh/id_rsa => .ssh/id_rsa",
        "scp id_ed25519 host: => id_ed25519",
        "C:\\Users\\me\\.ssh\\config => .ssh\\config",
        "open /etc/shadow now => /etc/shadow",
        "read /etc/passwd => /etc/passwd",
        "load .env => .env",
        "cp /app/.env.production . => .env.production",
        "'.env' => .env",
        "~/.aws/credentials => .aws/credentials",
        "~/.config/gcloud/application_default_credentials.json"
            + " => .config/gcloud/application_default_credentials.json",
        "~/.kube/config => .kube/config",
        "cat ~/.netrc => .netrc",
        "~/.docker/config.json => .docker/config.json",
        "~/.git-credentials => .git-credentials",
      })
  void findsSensitiveFiles(String text, String expected) {
    assertFinds("sensitive-file", text, expected);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "cat ~/.ssh.txt",
        "upload id_rsa.pub to GitHub",
        "valid_rsa_signature",
        "const url = process.env.API_URL",
        "copy .env.example to get started",
        "see .environment docs",
        "/etc/hosts",
        "/etc/passwords-are-hard.md",
        "~/.config/nvim/init.lua",
        "kube/config",
        "~/.docker/daemon.json",
      })
  void ignoresOrdinaryFiles(String text) {
    assertSilent("sensitive-file", text);
  }
}
