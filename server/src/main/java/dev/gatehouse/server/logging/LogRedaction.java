package dev.gatehouse.server.logging;

import dev.gatehouse.shield.redact.SecretRedactor;

/** The redactor every log line passes through (see the package note for why it is global). */
public final class LogRedaction {
  private static volatile SecretRedactor redactor = SecretRedactor.empty();

  private LogRedaction() {}

  public static void use(SecretRedactor current) {
    redactor = current;
  }

  static String redact(String text) {
    return redactor.redact(text);
  }
}
