package dev.gatehouse.server.http;

import io.modelcontextprotocol.server.transport.DefaultServerTransportSecurityValidator;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * DNS-rebinding protection, before anything else: the {@code Host} must be one of the allowed hosts
 * (421 otherwise) and an {@code Origin}, when sent, one of the allowed origins (403). The matching
 * rules are the SDK's ({@code host:*} allows any port).
 */
public final class HostOriginFilter extends HttpFilter {
  private final DefaultServerTransportSecurityValidator validator;

  public HostOriginFilter(List<String> allowedHosts, List<String> allowedOrigins) {
    this.validator =
        DefaultServerTransportSecurityValidator.builder()
            .allowedHosts(allowedHosts)
            .allowedOrigins(allowedOrigins)
            .build();
  }

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    Map<String, List<String>> headers = new HashMap<>();
    if (request.getHeader("Host") != null) {
      headers.put("Host", List.of(request.getHeader("Host")));
    }
    if (request.getHeader("Origin") != null) {
      headers.put("Origin", List.of(request.getHeader("Origin")));
    }
    try {
      validator.validateHeaders(headers);
    } catch (ServerTransportSecurityException e) {
      HttpErrors.write(response, e.getStatusCode(), HttpErrors.messageFor(e.getStatusCode()));
      return;
    }
    chain.doFilter(request, response);
  }
}
