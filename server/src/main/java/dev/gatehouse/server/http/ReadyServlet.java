package dev.gatehouse.server.http;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/**
 * {@code /readyz}: 200 when the gateway can decide and record calls (its store answers; a policy
 * set is loaded, or the gateway would not have started), 503 otherwise. Upstream states are in
 * {@code /healthz}: one upstream down does not take the gateway out of a load balancer.
 */
public final class ReadyServlet extends HttpServlet {
  private final transient BooleanSupplier ready;

  public ReadyServlet(BooleanSupplier ready) {
    this.ready = ready;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    boolean ok = ready.getAsBoolean();
    response.setStatus(ok ? 200 : 503);
    response.setContentType("text/plain; charset=utf-8");
    response.setHeader("Cache-Control", "no-store");
    response
        .getOutputStream()
        .write(
            (ok ? "ready\n" : "not ready: the store does not answer\n")
                .getBytes(StandardCharsets.UTF_8));
  }
}
