package dev.gatehouse.connectors.http;

/**
 * How an HTTP API upstream authenticates. Values may hold {@code ${secret:NAME}} references, which
 * the {@link dev.gatehouse.connectors.vault.SecretInjector} expands just before each request.
 */
public sealed interface HttpAuth {
  /** The same kind of auth with every value passed through {@code expand}. */
  HttpAuth map(java.util.function.UnaryOperator<String> expand);

  /** Every value that may hold a secret reference, for the config's reference list. */
  java.util.List<String> values();

  /** No credentials. */
  record None() implements HttpAuth {
    @Override
    public HttpAuth map(java.util.function.UnaryOperator<String> expand) {
      return this;
    }

    @Override
    public java.util.List<String> values() {
      return java.util.List.of();
    }
  }

  /** A header of its own, e.g. {@code X-Api-Key}. */
  record Header(String name, String value) implements HttpAuth {
    @Override
    public HttpAuth map(java.util.function.UnaryOperator<String> expand) {
      return new Header(name, expand.apply(value));
    }

    @Override
    public java.util.List<String> values() {
      return java.util.List.of(value);
    }
  }

  /** {@code Authorization: Bearer <token>}. */
  record Bearer(String token) implements HttpAuth {
    @Override
    public HttpAuth map(java.util.function.UnaryOperator<String> expand) {
      return new Bearer(expand.apply(token));
    }

    @Override
    public java.util.List<String> values() {
      return java.util.List.of(token);
    }
  }

  /** {@code Authorization: Basic base64(user:password)}. */
  record Basic(String user, String password) implements HttpAuth {
    @Override
    public HttpAuth map(java.util.function.UnaryOperator<String> expand) {
      return new Basic(expand.apply(user), expand.apply(password));
    }

    @Override
    public java.util.List<String> values() {
      return java.util.List.of(user, password);
    }
  }

  /** A query parameter, e.g. {@code ?api_key=...}. */
  record Query(String name, String value) implements HttpAuth {
    @Override
    public HttpAuth map(java.util.function.UnaryOperator<String> expand) {
      return new Query(name, expand.apply(value));
    }

    @Override
    public java.util.List<String> values() {
      return java.util.List.of(value);
    }
  }
}
