package dev.gatehouse.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.gatehouse.server.GatewayStatus;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * {@code /healthz}: 200 while the process serves requests, with every upstream's state; {@code
 * status} says {@code degraded} when an upstream is down, (cluster mode) the shared Redis does not
 * answer, or the kill switch refuses requests ({@code killSwitch} says which).
 */
public final class HealthServlet extends HttpServlet {
  private final Supplier<GatewayStatus> status;
  private final transient ObjectMapper mapper =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .registerModule(new Jdk8Module())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  public HealthServlet(Supplier<GatewayStatus> status) {
    this.status = status;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setStatus(200);
    response.setContentType("application/json");
    response.setHeader("Cache-Control", "no-store");
    mapper.writerWithDefaultPrettyPrinter().writeValue(response.getOutputStream(), status.get());
  }
}
