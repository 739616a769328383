package dev.gatehouse.server;

import dev.gatehouse.server.mcp.Callers;
import dev.gatehouse.server.mcp.JsonRpcTagger;
import dev.gatehouse.server.mcp.McpServerFactory;
import dev.gatehouse.server.mcp.ToolCallHandler;
import dev.gatehouse.server.mcp.ToolRegistration;
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

/**
 * The gateway over stdio, for clients that spawn a command. The caller is the one agent whose token
 * started the process. Incoming lines pass through {@link JsonRpcTagger} on their way to the SDK,
 * as over HTTP, so cancellation works here too.
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
    StdioServerTransportProvider provider =
        new StdioServerTransportProvider(gateway.json(), sdkInput, out);
    Callers callers = Callers.fixed(agent);
    McpAsyncServer mcp =
        new McpServerFactory(gateway.json(), gateway.catalog(), gateway.visibility(), callers)
            .build(McpServer.async(provider));
    ToolRegistration registration =
        new ToolRegistration(
            mcp,
            new ToolCallHandler(
                gateway.pipelineInUse(), callers, gateway.calls(), gateway.mapper()));
    gateway.catalog().onChange(registration::sync);
    gateway.onVisibilityChange(() -> mcp.notifyToolsListChanged().subscribe());
    registration.sync(gateway.catalog().snapshot());
    JsonRpcTagger tagger = new JsonRpcTagger(gateway.mapper());
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        switch (tagger.tag(line, SESSION_KEY)) {
          case JsonRpcTagger.Tagged.Forward forward -> {
            feed.write((forward.text() + "\n").getBytes(StandardCharsets.UTF_8));
            feed.flush();
          }
          case JsonRpcTagger.Tagged.Cancel cancel -> gateway.calls().cancel(cancel.callKey());
        }
      }
    } finally {
      feed.close();
      mcp.close();
    }
  }
}
