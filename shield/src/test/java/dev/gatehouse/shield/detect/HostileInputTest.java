package dev.gatehouse.shield.detect;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Every family of detectors over 100 KB inputs built to provoke backtracking or repeated rescans
 * (long runs of the characters a pattern consumes, many anchors with no completion). Linear
 * scanners finish in milliseconds; a quadratic one would take minutes.
 */
class HostileInputTest {
  private static final int SIZE = 100_000;
  private static final Duration BOUND = Duration.ofSeconds(2);

  private static String fill(String unit) {
    return unit.repeat(SIZE / unit.length() + 1).substring(0, SIZE);
  }

  private static String between(String prefix, String unit, String suffix) {
    return prefix + fill(unit) + suffix;
  }

  static List<String> inputs() {
    return List.of(
        fill("a"),
        fill("1"),
        fill("1 "),
        fill("4111-"),
        fill(" "),
        fill("../"),
        fill("..%2f%2e"),
        fill("%25"),
        fill("password="),
        between("password=", "a", ""),
        fill("password: \""),
        fill("AKIA"),
        fill("ghp_"),
        between("sk-", "a", ""),
        fill("sk-ant-"),
        fill("eyJ"),
        between("eyJ", "a.", ""),
        fill("-----BEGIN RSA PRIVATE KEY-----"),
        fill("-----BEGIN "),
        fill("a@"),
        between("", "a", "@" + "b".repeat(SIZE)),
        fill("x.y@"),
        fill("@okaxis "),
        fill("+1"),
        between("+", "1", ""),
        fill("DE89"),
        between("DE89 ", "1 ", ""),
        fill("ABCPE1234"),
        fill("rm -rf "),
        between("rm ", "a", ""),
        fill("curl "),
        between("curl ", "x", ""),
        fill("dd "),
        fill(":(){ "),
        fill("> /dev/"),
        fill("DELETE FROM t "),
        fill("("),
        fill("UPDATE t SET "),
        fill("'"),
        fill("/*"),
        fill("http://"),
        between("http://", "a", ""),
        fill("://"),
        between("http://[", ":", "]"),
        between("http://0x", "0", "/"),
        between("http://", "1.", "/"),
        fill("ignore all the "),
        fill("you are now "),
        fill("do not tell "),
        fill("before using this tool "),
        fill("send "),
        between("read ", "x", ""),
        fill("<IMPORTANT>"),
        fill("\u200B"),
        fill("\uDB40"),
        fill("\uDB40\uDC41"));
  }

  static Stream<Arguments> familiesAndInputs() {
    return Arrays.stream(DetectorSet.values())
        .flatMap(
            set ->
                inputs().stream()
                    .map(
                        input ->
                            arguments(
                                set,
                                input
                                    .substring(0, Math.min(24, input.length()))
                                    .replace("\n", "\\n"),
                                input)));
  }

  @ParameterizedTest(name = "{0} over {1}...")
  @org.junit.jupiter.params.provider.MethodSource("familiesAndInputs")
  void scansInLinearTime(DetectorSet set, String label, String input) {
    List<Detector> family = Detectors.builtIn().bySet(set);
    assertTimeoutPreemptively(
        BOUND,
        () -> {
          for (Detector detector : family) {
            detector.find(input);
          }
        },
        () -> set.key() + " over " + label);
  }
}
