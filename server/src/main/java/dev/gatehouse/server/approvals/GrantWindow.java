package dev.gatehouse.server.approvals;

import dev.gatehouse.shield.yaml.Location;
import dev.gatehouse.shield.yaml.MappingReader;
import dev.gatehouse.shield.yaml.Problems;
import dev.gatehouse.shield.yaml.YamlNode;
import java.time.Duration;
import java.util.Optional;

/** Reads an "approve for" window ({@code 30m}, {@code 1h}), at most a day. */
public final class GrantWindow {
  public static final Duration LONGEST = Duration.ofDays(1);

  private GrantWindow() {}

  /** The window, or empty when {@code text} is not a duration between zero and a day. */
  public static Optional<Duration> parse(String text) {
    Optional<Duration> parsed =
        MappingReader.parseDuration(
            new YamlNode.Scalar(new Location("--for", 1, 1), text, false, false),
            "--for",
            new Problems());
    return parsed.filter(d -> !d.isZero() && !d.isNegative() && d.compareTo(LONGEST) <= 0);
  }
}
