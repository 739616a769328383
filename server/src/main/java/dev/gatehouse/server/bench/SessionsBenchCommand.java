package dev.gatehouse.server.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * {@code gatehouse bench sessions}: the memory a gateway needs for open MCP sessions. Starts {@code
 * gatehouse serve} as its own process (same jar, same JVM, default settings), opens the sessions
 * against it over Streamable HTTP with a real agent token ({@code initialize} then {@code
 * notifications/initialized}, each session kept), and reads that process's resident set size before
 * and after.
 */
@CommandLine.Command(
    name = "sessions",
    description = "Measure the gateway process's memory (RSS) with many open MCP sessions.")
public final class SessionsBenchCommand implements Callable<Integer> {
  private static final Pattern SERVING = Pattern.compile(" at (http://\\S+/mcp) ");
  private static final Pattern SESSION = Pattern.compile("(?i)^mcp-session-id$");

  @CommandLine.Option(
      names = "--count",
      defaultValue = "1000",
      description = "sessions to open (default: ${DEFAULT-VALUE})")
  int count;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    try (ScratchDirectory scratch = new ScratchDirectory("gatehouse-sessions")) {
      Path dir = scratch.path();
      Files.createDirectories(dir.resolve("policies"));
      Files.writeString(dir.resolve("policies").resolve("deny.yaml"), "default: deny\n");
      Path config = dir.resolve("gatehouse.yaml");
      Files.writeString(
          config,
          "server: { host: 127.0.0.1, port: 0, data_dir: ./data }\npolicies: ./policies\n"
              + "upstreams: {}\n");
      String token =
          run(List.of("agent", "create", "sessions-bench", "--config", config.toString()));
      Process gateway =
          new ProcessBuilder(gatehouse(List.of("serve", "--config", config.toString())))
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      try {
        String url = awaitUrl(gateway);
        Thread.sleep(2_000); // let start-up settle
        long before = rssKb(gateway.pid());
        List<String> sessions = new ArrayList<>();
        try (HttpClient http = HttpClient.newHttpClient()) {
          for (int i = 0; i < count; i++) {
            sessions.add(open(http, URI.create(url), token, i));
          }
          Thread.sleep(2_000);
          long after = rssKb(gateway.pid());
          out.printf(
              "gateway process RSS: %d MB at start, %d MB with %d open sessions (%.1f KB per"
                  + " session)%n",
              before / 1024,
              after / 1024,
              sessions.size(),
              (after - before) / (double) sessions.size());
          out.printf(
              "JVM: %s, default heap settings, %d cores%n",
              Runtime.version(), Runtime.getRuntime().availableProcessors());
        }
      } finally {
        gateway.destroy();
        gateway.waitFor(10, TimeUnit.SECONDS);
      }
    }
    out.flush();
    return 0;
  }

  private static String open(HttpClient http, URI url, String token, int n)
      throws IOException, InterruptedException {
    HttpResponse<String> init =
        http.send(
            post(url, token, null)
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
                            + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
                            + "\"clientInfo\":{\"name\":\"bench-"
                            + n
                            + "\",\"version\":\"1\"}}}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    String session =
        init.headers().map().entrySet().stream()
            .filter(e -> SESSION.matcher(e.getKey()).matches())
            .map(e -> e.getValue().get(0))
            .findFirst()
            .orElseThrow(
                () -> new IllegalStateException("initialize answered " + init.statusCode()));
    http.send(
        post(url, token, session)
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"))
            .build(),
        HttpResponse.BodyHandlers.discarding());
    return session;
  }

  private static HttpRequest.Builder post(URI url, String token, String session) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(url)
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream");
    return session == null ? request : request.header("Mcp-Session-Id", session);
  }

  private static String awaitUrl(Process gateway) throws IOException {
    BufferedReader lines =
        new BufferedReader(new InputStreamReader(gateway.getInputStream(), StandardCharsets.UTF_8));
    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
      Matcher serving = SERVING.matcher(line);
      if (serving.find()) {
        Thread.ofVirtual().start(() -> drain(lines));
        return serving.group(1);
      }
    }
    throw new IllegalStateException("the gateway exited before it served");
  }

  private static void drain(BufferedReader lines) {
    try {
      while (lines.readLine() != null) {
        // keep the child's stdout flowing
      }
    } catch (IOException e) {
      // the child is gone
    }
  }

  private static long rssKb(long pid) throws IOException {
    return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
        .filter(line -> line.startsWith("VmRSS:"))
        .map(line -> line.replaceAll("\\D", ""))
        .mapToLong(Long::parseLong)
        .findFirst()
        .orElseThrow();
  }

  private static String run(List<String> args) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(gatehouse(args)).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IllegalStateException("gatehouse " + args.get(0) + " failed");
    }
    return out.strip();
  }

  private static List<String> gatehouse(List<String> args) {
    String java = ProcessHandle.current().info().command().orElse("java");
    String jar;
    try {
      jar =
          Path.of(
                  SessionsBenchCommand.class
                      .getProtectionDomain()
                      .getCodeSource()
                      .getLocation()
                      .toURI())
              .toString();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    List<String> command =
        new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-jar", jar));
    command.addAll(args);
    return command;
  }
}
