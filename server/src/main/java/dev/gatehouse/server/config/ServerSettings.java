package dev.gatehouse.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The {@code server:} section.
 *
 * @param host the address to listen on (loopback by default)
 * @param port the HTTP port; 0 picks a free one
 * @param dataDir where the SQLite file and the keys live
 * @param allowedHosts {@code Host} header values accepted (DNS-rebinding protection)
 * @param allowedOrigins {@code Origin} header values accepted; requests without Origin pass
 * @param sessionIdleTimeout MCP sessions idle this long are closed
 */
public record ServerSettings(
    String host,
    int port,
    Path dataDir,
    List<String> allowedHosts,
    List<String> allowedOrigins,
    Duration sessionIdleTimeout) {
  public ServerSettings {
    allowedHosts = List.copyOf(allowedHosts);
    allowedOrigins = List.copyOf(allowedOrigins);
  }

  /** The URL agents use to reach the gateway. */
  public String mcpUrl(int boundPort) {
    String shownHost = host.contains(":") ? "[" + host + "]" : host;
    return "http://" + shownHost + ":" + boundPort + "/mcp";
  }
}
