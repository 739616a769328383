package dev.gatehouse.shield.detect;

import java.util.ArrayList;
import java.util.List;

/** The detectors Gatehouse ships, in the order rules and docs list them. */
final class BuiltInDetectors {
  private BuiltInDetectors() {}

  static List<Detector> all() {
    List<Detector> all = new ArrayList<>();
    all.addAll(SecretDetectors.all());
    all.addAll(PiiDetectors.all());
    all.addAll(DestructiveDetectors.all());
    all.addAll(PathDetectors.all());
    all.add(NamedDetector.of("ssrf-url", DetectorSet.SSRF, new SsrfUrl()));
    all.addAll(InjectionDetectors.all());
    return List.copyOf(all);
  }
}
