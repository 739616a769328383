package dev.gatehouse.server.logging;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;

/** Stack traces with every vault secret masked (exception messages may quote upstream text). */
public final class RedactedThrowableConverter extends ThrowableProxyConverter {
  @Override
  protected String throwableProxyToString(IThrowableProxy proxy) {
    return LogRedaction.redact(super.throwableProxyToString(proxy));
  }
}
