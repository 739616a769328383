package dev.gatehouse.server;

import dev.gatehouse.server.mcp.Callers;
import dev.gatehouse.server.mcp.JsonRpcTagger;
import dev.gatehouse.server.mcp.McpServerFactory;
import dev.gatehouse.shield.AgentIdentity;
import io.modelcontextprotocol.server.McpAsyncServer;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The gateway over stdio, for clients that spawn a command. The caller is the one agent whose token
 * started the process. Incoming lines pass through {@link JsonRpcTagger} on their way to the SDK,
 * as over HTTP, so cancellation and the gateway's own answers work here too.
 */
public final class StdioFrontDoor {
  static final String SESSION_KEY = "stdio";

  private final Gateway gateway;

  public StdioFrontDoor(Gateway gateway) {
    this.gateway = gateway;
  }

  /** Serves until {@code in} ends. */
  public void run(AgentIdentity agent, InputStream in, OutputStream out) throws IOException {
    PipedInputStream sdkInput = new PipedInputStream(1 << 20);
    PipedOutputStream feed = new PipedOutputStream(sdkInput);
    LineOutput output = new LineOutput(out);
    StdioServerTransportProvider provider =
        new StdioServerTransportProvider(gateway.json(), sdkInput, output);
    McpAsyncServer mcp =
        new McpServerFactory(gateway, Callers.fixed(agent))
            .build(McpServer.async(provider))
            .server();
    JsonRpcTagger tagger = new JsonRpcTagger(gateway.mapper(), gateway.answers());
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        switch (tagger.tag(line, SESSION_KEY, Optional.of(agent))) {
          case JsonRpcTagger.Tagged.Forward forward -> {
            feed.write((forward.text() + "\n").getBytes(StandardCharsets.UTF_8));
            feed.flush();
          }
          case JsonRpcTagger.Tagged.Cancel cancel -> gateway.calls().cancel(cancel.callKey());
          case JsonRpcTagger.Tagged.Answer answer -> output.writeLine(answer.response());
        }
      }
    } finally {
      tagger.sessionEnded(SESSION_KEY);
      feed.close();
      mcp.close();
    }
  }
}
