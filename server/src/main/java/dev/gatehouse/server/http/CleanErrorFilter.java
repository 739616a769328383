package dev.gatehouse.server.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * Replaces the body of every error the SDK servlet answers with a fixed line: the SDK serializes
 * its exceptions, stack traces included, into HTTP error bodies.
 */
public final class CleanErrorFilter extends HttpFilter {
  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    ErrorSwallowingResponse wrapped = new ErrorSwallowingResponse(response);
    chain.doFilter(request, wrapped);
    if (wrapped.errorStatus != 0 && !response.isCommitted()) {
      response.resetBuffer();
      HttpErrors.write(response, wrapped.errorStatus, HttpErrors.messageFor(wrapped.errorStatus));
    }
  }

  private static final class ErrorSwallowingResponse extends HttpServletResponseWrapper {
    private int errorStatus;

    ErrorSwallowingResponse(HttpServletResponse response) {
      super(response);
    }

    @Override
    public void setStatus(int status) {
      if (status >= 400) {
        errorStatus = status;
      }
      super.setStatus(status);
    }

    @Override
    public void sendError(int status, String message) {
      setStatus(status);
    }

    @Override
    public void sendError(int status) {
      setStatus(status);
    }

    @Override
    public PrintWriter getWriter() throws IOException {
      return errorStatus != 0 ? new PrintWriter(Writer.nullWriter()) : super.getWriter();
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
      if (errorStatus == 0) {
        return super.getOutputStream();
      }
      return new ServletOutputStream() {
        @Override
        public void write(int b) {}

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setWriteListener(WriteListener listener) {}
      };
    }

    @Override
    public void setContentLength(int length) {
      if (errorStatus == 0) {
        super.setContentLength(length);
      }
    }

    @Override
    public void flushBuffer() throws IOException {
      if (errorStatus == 0) {
        super.flushBuffer();
      }
    }
  }
}
