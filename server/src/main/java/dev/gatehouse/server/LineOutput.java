package dev.gatehouse.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Standard output shared by the SDK's stdio transport and the gateway's own answers: bytes are
 * gathered until a newline and each whole line is written at once, so two writers never interleave
 * inside a JSON-RPC message.
 */
final class LineOutput extends OutputStream {
  private final OutputStream out;
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

  LineOutput(OutputStream out) {
    this.out = out;
  }

  @Override
  public void write(int b) throws IOException {
    synchronized (out) {
      pending.write(b);
      if (b == '\n') {
        flushLine();
      }
    }
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    synchronized (out) {
      for (int i = offset; i < offset + length; i++) {
        pending.write(bytes[i]);
        if (bytes[i] == '\n') {
          flushLine();
        }
      }
    }
  }

  /** Writes one whole message line of the gateway's own. */
  void writeLine(String line) throws IOException {
    synchronized (out) {
      out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
    }
  }

  @Override
  public void flush() throws IOException {
    synchronized (out) {
      out.flush();
    }
  }

  @Override
  public void close() throws IOException {
    synchronized (out) {
      out.close();
    }
  }

  private void flushLine() throws IOException {
    pending.writeTo(out);
    pending.reset();
    out.flush();
  }
}
