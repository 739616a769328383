package dev.gatehouse.shield.detect;

import static dev.gatehouse.shield.detect.DetectorSet.DESTRUCTIVE;

import java.util.List;

/** Detectors for commands that destroy data: shell one-liners and SQL without a WHERE. */
final class DestructiveDetectors {
  /** A command word starts here: nothing before it that would make it part of another word. */
  private static final String COMMAND_START = "(?<![A-Za-z0-9_./-])";

  /** Whole-disk block devices: sda, hdb, vdc, xvdd, nvme0n1, mmcblk0, disk2, md0. */
  private static final String BLOCK_DEVICE =
      "/dev/(?:[shv]d[a-z]|xvd[a-z]|nvme[0-9]{1,3}(?:n[0-9]{1,3})?|mmcblk[0-9]{1,3}|disk[0-9]{1,3}"
          + "|md[0-9]{1,3})[A-Za-z0-9]{0,8}";

  private DestructiveDetectors() {}

  static List<Detector> all() {
    return List.of(
        dangerousShell(), NamedDetector.of("destructive-sql", DESTRUCTIVE, new SqlStatements()));
  }

  static Detector dangerousShell() {
    return NamedDetector.of(
        "dangerous-shell",
        DESTRUCTIVE,
        new RecursiveRootCommand(),
        AnchoredRegex.of(
            Anchors.wordStarts(Anchors.literals("mkfs")),
            COMMAND_START + "mkfs(?:\\.[a-z0-9]{1,10})?[ \\t]{1,8}[^\\s;&|][^\\n;&|]{0,200}"),
        AnchoredRegex.of(
            Anchors.wordStarts(Anchors.literals("dd")),
            COMMAND_START
                + "dd[ \\t](?:[^\\n;&|o]|o(?!f=)){0,300}+(?<![A-Za-z0-9_])of="
                + BLOCK_DEVICE),
        AnchoredRegex.of(
            Anchors.wordStarts(Anchors.literals("curl", "wget")),
            COMMAND_START
                + "(?:curl|wget)[ \\t][^\\n;&|]{0,500}+\\|[ \\t]{0,8}(?:sudo[ \\t]{1,8})?"
                + "(?:/usr)?(?:/bin/)?(?:ba|z|k|da)?sh(?![A-Za-z0-9_-])"),
        AnchoredRegex.of(
            Anchors.literals("<("),
            "(?<=sh[ \\t]{0,8})<\\([ \\t]{0,8}(?:curl|wget)[ \\t][^\\n)]{1,500}\\)"),
        AnchoredRegex.of(
            Anchors.literals(":("),
            ":\\(\\)[ \\t]{0,8}\\{[ \\t]{0,8}:[ \\t]{0,8}\\|[ \\t]{0,8}:[ \\t]{0,8}&[ \\t]{0,8}\\}"
                + "[ \\t]{0,8};[ \\t]{0,8}:"),
        AnchoredRegex.of(Anchors.literals("/dev/"), "(?<=>[ \\t]{0,8})" + BLOCK_DEVICE));
  }
}
