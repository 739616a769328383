package dev.gatehouse.server.cli;

import dev.gatehouse.server.config.ConfigLoader;
import dev.gatehouse.server.config.GatehouseConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine;

/**
 * {@code --config FILE}, on every command. Without it: {@code ./gatehouse.yaml} if present, else
 * the quickstart config shipped in {@code examples/quickstart/}.
 */
final class ConfigOption {
  static final String QUICKSTART = "examples/quickstart/gatehouse.yaml";

  @CommandLine.Option(
      names = "--config",
      paramLabel = "FILE",
      description = "the gatehouse.yaml to use (default: ./gatehouse.yaml, else the quickstart)",
      scope = CommandLine.ScopeType.INHERIT)
  Optional<Path> config = Optional.empty();

  Path file() {
    if (config.isPresent()) {
      return config.get();
    }
    Path local = Path.of("gatehouse.yaml");
    if (Files.exists(local)) {
      return local;
    }
    String home = System.getProperty("gatehouse.home", ".");
    return Path.of(home).resolve(QUICKSTART).normalize();
  }

  GatehouseConfig load() {
    return ConfigLoader.load(file());
  }
}
