package dev.gatehouse.shield.detect;

import java.util.Arrays;
import java.util.Optional;

/** The families of detectors; a rule may name a whole family by its key. */
public enum DetectorSet {
  SECRETS("secrets"),
  PII("pii"),
  DESTRUCTIVE("destructive"),
  PATHS("paths"),
  SSRF("ssrf"),
  INJECTION("injection");

  private final String key;

  DetectorSet(String key) {
    this.key = key;
  }

  /** The word used in policy files. */
  public String key() {
    return key;
  }

  public static Optional<DetectorSet> byKey(String key) {
    return Arrays.stream(values()).filter(set -> set.key.equals(key)).findFirst();
  }
}
