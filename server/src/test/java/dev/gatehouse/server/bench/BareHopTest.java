package dev.gatehouse.server.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The benchmark's reference hop carries a whole MCP session (initialize, list, call, and the
 * session id both ways) with either HTTP client, so what it measures is a working hop.
 */
class BareHopTest {
  @ParameterizedTest
  @EnumSource(BareHop.Client.class)
  void carriesAnMcpSessionToTheUpstreamAndBack(BareHop.Client kind) throws Exception {
    McpJsonMapper json = new JacksonMcpJsonMapper(new ObjectMapper());
    try (EchoUpstream upstream = new EchoUpstream(json);
        BareHop hop = new BareHop(URI.create(upstream.url()), kind)) {
      URI url = hop.url();
      McpSyncClient client =
          McpClient.sync(
                  HttpClientStreamableHttpTransport.builder("http://" + url.getRawAuthority())
                      .endpoint(url.getRawPath())
                      .jsonMapper(json)
                      .build())
              .requestTimeout(Duration.ofSeconds(10))
              .build();
      try {
        client.initialize();
        assertThat(client.listTools().tools())
            .extracting(McpSchema.Tool::name)
            .containsExactly("echo");
        for (String message : new String[] {"one", "two"}) {
          assertThat(
                  client
                      .callTool(new McpSchema.CallToolRequest("echo", Map.of("message", message)))
                      .content())
              .containsExactly(new McpSchema.TextContent(message));
        }
      } finally {
        client.close();
      }
    }
  }
}
