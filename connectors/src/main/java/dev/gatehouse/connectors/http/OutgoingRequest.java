package dev.gatehouse.connectors.http;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One request as it will be sent: already encoded and checked.
 *
 * @param headers name to value, in the order they are set
 */
record OutgoingRequest(
    String method, URI uri, List<Map.Entry<String, String>> headers, Optional<byte[]> body) {
  OutgoingRequest {
    headers = List.copyOf(headers);
  }

  /** The request sent again to {@code target}; as GET without a body when {@code asGet}. */
  OutgoingRequest redirectedTo(URI target, boolean asGet) {
    if (!asGet) {
      return new OutgoingRequest(method, target, headers, body);
    }
    List<Map.Entry<String, String>> kept =
        headers.stream().filter(h -> !h.getKey().equalsIgnoreCase("Content-Type")).toList();
    return new OutgoingRequest("GET", target, kept, Optional.empty());
  }
}
