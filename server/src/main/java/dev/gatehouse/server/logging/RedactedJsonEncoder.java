package dev.gatehouse.server.logging;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.EncoderBase;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * One JSON object per log line ({@code GATEHOUSE_LOG_FORMAT=json}): time, level, logger, thread,
 * the call id when the line belongs to a call, the message and any stack trace — the last two with
 * every vault secret masked, as in the text format.
 */
public final class RedactedJsonEncoder extends EncoderBase<ILoggingEvent> {
  private static final byte[] NOTHING = new byte[0];

  private final JsonFactory json = new JsonFactory();
  private final ThrowableProxyConverter throwables = new ThrowableProxyConverter();

  @Override
  public void start() {
    throwables.setContext(getContext());
    throwables.start();
    super.start();
  }

  @Override
  public byte[] headerBytes() {
    return NOTHING;
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator line = json.createGenerator(out)) {
      line.writeStartObject();
      line.writeStringField("time", Instant.ofEpochMilli(event.getTimeStamp()).toString());
      line.writeStringField("level", event.getLevel().toString());
      line.writeStringField("logger", event.getLoggerName());
      line.writeStringField("thread", event.getThreadName());
      Map<String, String> mdc = event.getMDCPropertyMap();
      if (mdc != null && mdc.get("call") != null) {
        line.writeStringField("call", mdc.get("call"));
      }
      line.writeStringField("message", LogRedaction.redact(event.getFormattedMessage()));
      if (event.getThrowableProxy() != null) {
        line.writeStringField("exception", LogRedaction.redact(throwables.convert(event)));
      }
      line.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.write('\n');
    return out.toByteArray();
  }

  @Override
  public byte[] footerBytes() {
    return NOTHING;
  }

  /** For tests: the encoded line as text. */
  String encodeToString(ILoggingEvent event) {
    return new String(encode(event), StandardCharsets.UTF_8);
  }
}
