package dev.gatehouse.server.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** {@code %msg} with every vault secret masked. */
public final class RedactedMessageConverter extends MessageConverter {
  @Override
  public String convert(ILoggingEvent event) {
    return LogRedaction.redact(super.convert(event));
  }
}
