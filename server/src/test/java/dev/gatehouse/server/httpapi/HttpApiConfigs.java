package dev.gatehouse.server.httpapi;

import dev.gatehouse.connectors.UpstreamSpec;
import dev.gatehouse.server.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Upstream specs read from YAML through the real config loader. */
final class HttpApiConfigs {
  private HttpApiConfigs() {}

  static List<UpstreamSpec> upstreams(Path dir, String yaml) throws Exception {
    Files.createDirectories(dir);
    Path file = dir.resolve("gatehouse.yaml");
    Files.writeString(file, yaml);
    return ConfigLoader.load(file).upstreams();
  }
}
