/**
 * Plain HTTP APIs as tools: {@link dev.gatehouse.connectors.http.HttpApiUpstream} maps tool
 * arguments onto requests (path, query, headers, JSON body), injects credentials, keeps requests on
 * the base URL's origin, retries idempotent calls and trips a circuit breaker; {@code openapi}
 * imports operations from an OpenAPI 3.0/3.1 document. Uses only {@code java.net.http}.
 */
package dev.gatehouse.connectors.http;
