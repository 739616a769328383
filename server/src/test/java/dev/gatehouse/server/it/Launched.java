package dev.gatehouse.server.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the packaged {@code gatehouse.jar} as users do, in its own process. */
final class Launched {
  static final Path JAR = Path.of("target/gatehouse.jar").toAbsolutePath();
  static final Path DEMO_JAR =
      Path.of("../examples/demo-upstream/target/gatehouse-demo-upstream.jar")
          .toAbsolutePath()
          .normalize();
  static final Path NODE_DIR = Path.of("src/test/node").toAbsolutePath();

  private Launched() {}

  static String java() {
    return ProcessHandle.current().info().command().orElse("java");
  }

  static List<String> gatehouse(String... args) {
    List<String> command =
        new ArrayList<>(
            List.of(java(), "--enable-native-access=ALL-UNNAMED", "-jar", JAR.toString()));
    command.addAll(List.of(args));
    return command;
  }

  /** Runs a CLI command to its end and returns its stdout; fails on a non-zero exit. */
  static String run(String... args) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(gatehouse(args)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int code = process.waitFor();
    if (code != 0) {
      throw new IllegalStateException(
          "gatehouse " + String.join(" ", args) + " exited with " + code);
    }
    return out;
  }

  /** A config in {@code dir} with the given upstreams section (YAML, indented by two). */
  static Path config(Path dir, String upstreams) throws IOException {
    Path file = dir.resolve("gatehouse.yaml");
    Files.createDirectories(dir.resolve("policies"));
    Files.writeString(dir.resolve("policies/allow-all.yaml"), "default: allow\n");
    Files.writeString(
        file,
        "server: { port: 0, data_dir: ./data }\npolicies: ./policies\nupstreams:\n" + upstreams);
    return file;
  }

  static String demoUpstream() {
    return "  demo:\n    type: mcp-stdio\n    command: "
        + java()
        + "\n    args: [\"-jar\", \""
        + DEMO_JAR
        + "\"]\n";
  }
}
