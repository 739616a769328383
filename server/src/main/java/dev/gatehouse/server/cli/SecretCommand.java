package dev.gatehouse.server.cli;

import dev.gatehouse.connectors.vault.SecretStore;
import dev.gatehouse.connectors.vault.SecretVault;
import dev.gatehouse.server.Gateway;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/**
 * {@code gatehouse secret set|list|rm|rotate-key}: the vault. Values never appear on a command
 * line.
 */
@CommandLine.Command(
    name = "secret",
    description = "Manage the encrypted secrets Gatehouse injects into upstreams.",
    subcommands = {
      SecretCommand.Set.class,
      SecretCommand.ListSecrets.class,
      SecretCommand.Remove.class,
      SecretCommand.RotateKey.class
    })
final class SecretCommand extends GroupCommand {
  @CommandLine.Command(
      name = "set",
      description = "Store a secret; the value is read from standard input.")
  static final class Set implements Callable<Integer> {
    private static final int MAX_BYTES = 64 * 1024;

    @CommandLine.Mixin ConfigOption config;

    @CommandLine.Parameters(index = "0", paramLabel = "NAME")
    String name;

    @CommandLine.Option(
        names = "--node",
        description =
            "Store it in this node's own store in data_dir, not the shared one: for the password"
                + " of cluster.database, which the shared vault cannot hold.")
    boolean node;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      SecretVault.checkName(name);
      InputStream input = ((GatehouseCommand) spec.root().userObject()).input();
      byte[] bytes = input.readNBytes(MAX_BYTES + 1);
      if (bytes.length > MAX_BYTES) {
        spec.commandLine().getErr().println("gatehouse: a secret may be at most 64 KiB");
        return 1;
      }
      String value = stripOneNewline(new String(bytes, StandardCharsets.UTF_8));
      if (value.isEmpty()) {
        spec.commandLine()
            .getErr()
            .println(
                "gatehouse: no value on standard input (try: printf %s \"$VALUE\" | gatehouse secret set "
                    + name
                    + ")");
        return 1;
      }
      if (node) {
        Gateway.putNodeSecret(config.load(), name, value);
        spec.commandLine().getOut().printf("secret %s set in this node's own store%n", name);
        spec.commandLine().getOut().flush();
        return 0;
      }
      try (Gateway gateway = Gateway.offline(config.load())) {
        gateway.vault().put(name, value);
        gateway.events().secretChanged(name, "secret_set", ByOption.loginName());
      }
      spec.commandLine().getOut().printf("secret %s set%n", name);
      spec.commandLine().getOut().flush();
      return 0;
    }

    private static String stripOneNewline(String value) {
      if (value.endsWith("\r\n")) {
        return value.substring(0, value.length() - 2);
      }
      return value.endsWith("\n") ? value.substring(0, value.length() - 1) : value;
    }
  }

  @CommandLine.Command(
      name = "list",
      description = "Secret names, the upstreams that use them, when set. Never values.")
  static final class ListSecrets implements Callable<Integer> {
    @CommandLine.Mixin ConfigOption config;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (Gateway gateway = Gateway.offline(config.load())) {
        Map<String, java.util.Set<String>> users = gateway.secretUsers();
        out.printf("%-32s %-32s %s%n", "SECRET", "USED BY", "SET AT");
        for (SecretStore.StoredSecret secret : gateway.vault().list()) {
          out.printf(
              "%-32s %-32s %s%n",
              secret.name(),
              String.join(",", users.getOrDefault(secret.name(), java.util.Set.of()))
                  .transform(s -> s.isEmpty() ? "-" : s),
              secret.updatedAt());
        }
        users.keySet().stream()
            .filter(name -> gateway.vault().find(name).isEmpty())
            .forEach(
                name ->
                    out.printf(
                        "%-32s %-32s %s%n", name, String.join(",", users.get(name)), "NOT SET"));
      }
      out.flush();
      return 0;
    }
  }

  @CommandLine.Command(name = "rm", description = "Delete a secret.")
  static final class Remove implements Callable<Integer> {
    @CommandLine.Mixin ConfigOption config;

    @CommandLine.Parameters(index = "0", paramLabel = "NAME")
    String name;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      try (Gateway gateway = Gateway.offline(config.load())) {
        if (!gateway.vault().remove(name)) {
          spec.commandLine().getErr().println("gatehouse: no secret named '" + name + "'");
          return 1;
        }
        gateway.events().secretChanged(name, "secret_removed", ByOption.loginName());
      }
      spec.commandLine().getOut().printf("secret %s removed%n", name);
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  @CommandLine.Command(
      name = "rotate-key",
      description = "Add a new primary vault key and re-encrypt every secret under it.")
  static final class RotateKey implements Callable<Integer> {
    @CommandLine.Mixin ConfigOption config;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      int count;
      try (Gateway gateway = Gateway.offline(config.load())) {
        count = gateway.vault().rotateKey();
        gateway.events().secretChanged("", "key_rotated", ByOption.loginName());
      }
      spec.commandLine()
          .getOut()
          .printf(
              "re-encrypted %d secret%s under a new primary key%n", count, count == 1 ? "" : "s");
      spec.commandLine().getOut().flush();
      return 0;
    }
  }
}
