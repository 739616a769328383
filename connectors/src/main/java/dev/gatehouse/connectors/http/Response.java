package dev.gatehouse.connectors.http;

import java.net.http.HttpHeaders;

/** What the API answered, the body cut at the size limit. */
record Response(int status, HttpHeaders headers, byte[] body, boolean truncated) {
  String contentType() {
    return headers.firstValue("Content-Type").orElse("");
  }

  boolean isSuccess() {
    return status >= 200 && status < 300;
  }

  /** An answer that counts against the circuit breaker. */
  boolean isFailure() {
    return status >= 500 || status == 429;
  }
}
