package dev.gatehouse.server.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import picocli.CommandLine;

/** Entry point of the {@code gatehouse} command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs one command line and returns its exit code. */
  public static int run(String... args) {
    return command(System.in).execute(args);
  }

  /** Runs one command line on the given streams (for tests and embedding). */
  public static int run(InputStream in, PrintWriter out, PrintWriter err, String... args) {
    return command(in).setOut(out).setErr(err).execute(args);
  }

  /** Runs one command line with no input, writing to the given streams. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    return run(InputStream.nullInputStream(), out, err, args);
  }

  private static CommandLine command(InputStream in) {
    return new CommandLine(new GatehouseCommand(in))
        .setExecutionExceptionHandler(new FriendlyErrors());
  }
}
