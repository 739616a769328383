package dev.gatehouse.connectors.vault;

import dev.gatehouse.connectors.UpstreamSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${secret:NAME}} in an upstream's environment, headers and HTTP API credentials
 * with the vault's value, just before the upstream is connected (for an HTTP API: before each
 * request). Only the upstream's own config is expanded: a secret reaches only the upstreams that
 * name it, and nothing an agent sends is ever expanded.
 */
public final class SecretInjector {
  public static final Pattern REFERENCE = Pattern.compile("\\$\\{secret:([^}]*)}");

  private final SecretVault vault;

  public SecretInjector(SecretVault vault) {
    this.vault = vault;
  }

  /** The secret names {@code text} refers to, in order. */
  public static List<String> namesIn(String text) {
    List<String> names = new ArrayList<>();
    Matcher m = REFERENCE.matcher(text);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  /** The spec with every reference replaced by its value; the spec itself when it has none. */
  public UpstreamSpec inject(UpstreamSpec spec) {
    return switch (spec) {
      case UpstreamSpec.Stdio s ->
          new UpstreamSpec.Stdio(
              s.name(),
              s.prefix(),
              s.callTimeout(),
              s.command(),
              s.args(),
              expand(s.env()),
              s.workingDirectory());
      case UpstreamSpec.Http h ->
          new UpstreamSpec.Http(
              h.name(), h.prefix(), h.callTimeout(), h.url(), expand(h.headers()));
      case UpstreamSpec.Sse s ->
          new UpstreamSpec.Sse(s.name(), s.prefix(), s.callTimeout(), s.url(), expand(s.headers()));
      case UpstreamSpec.HttpApi api ->
          api.withCredentials(api.auth().map(this::expand), expand(api.headers()));
    };
  }

  private Map<String, String> expand(Map<String, String> values) {
    Map<String, String> out = new LinkedHashMap<>();
    values.forEach((key, value) -> out.put(key, expand(value)));
    return out;
  }

  private String expand(String text) {
    Matcher m = REFERENCE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(vault.reveal(m.group(1))));
    }
    m.appendTail(out);
    return out.toString();
  }
}
