package dev.gatehouse.server.http;

import java.io.IOException;
import java.nio.charset.Charset;
import java.util.List;
import org.eclipse.jetty.ee11.servlet.ErrorHandler;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's error pages for the front door's servlet context, reduced to the status and its standard
 * reason: an exception that escapes a servlet would otherwise show its message (which may name the
 * database or its host) in the page's title and body.
 */
final class GenericErrorHandler extends ErrorHandler {
  GenericErrorHandler() {
    setShowStacks(false);
    setShowCauses(false);
    setShowMessageInTitle(false);
    setShowOrigin(false);
  }

  @Override
  protected boolean generateAcceptableResponse(
      Request request,
      Response response,
      Callback callback,
      String contentType,
      List<Charset> charsets,
      int code,
      String message,
      Throwable cause)
      throws IOException {
    return super.generateAcceptableResponse(
        request,
        response,
        callback,
        contentType,
        charsets,
        code,
        HttpStatus.getMessage(code),
        null);
  }
}
