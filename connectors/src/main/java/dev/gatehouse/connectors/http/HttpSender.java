package dev.gatehouse.connectors.http;

import dev.gatehouse.connectors.UpstreamException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends one request with retries and same-origin redirects, all within the call's deadline. The
 * client never follows redirects itself: a redirect is followed here only when it stays on the base
 * URL's scheme, host and port.
 */
final class HttpSender {
  private static final int MAX_REDIRECTS = 5;

  /** How the exchange ended, short of a transport failure (which throws). */
  sealed interface Result {
    record Answered(Response response) implements Result {}

    record Refused(String reason) implements Result {}
  }

  private final String upstream;
  private final HttpClient client;
  private final InstantSource clock;
  private final Sleeper sleeper;

  HttpSender(String upstream, HttpClient client, InstantSource clock, Sleeper sleeper) {
    this.upstream = upstream;
    this.client = client;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  Result send(
      OutgoingRequest request, URI base, Duration timeout, RetryPolicy retry, long maxBytes) {
    long deadline = System.nanoTime() + timeout.toNanos();
    OutgoingRequest current = request;
    int attempt = 0;
    int redirects = 0;
    while (true) {
      Response response;
      try {
        response = exchange(current, deadline, maxBytes);
      } catch (ConnectFailure e) {
        Duration wait = retry.backoff(attempt);
        if (retry.mayRetry(current.method(), attempt) && fits(wait, deadline)) {
          pause(wait);
          attempt++;
          continue;
        }
        throw new UpstreamException(
            UpstreamException.Reason.UNAVAILABLE, "upstream " + upstream + " cannot be reached");
      }
      if (isRedirect(response.status())) {
        Optional<String> location = response.headers().firstValue("Location");
        if (location.isEmpty()) {
          return new Result.Answered(response);
        }
        URI target;
        try {
          target = current.uri().resolve(location.get());
        } catch (IllegalArgumentException e) {
          return new Result.Refused("the API answered with an unusable redirect");
        }
        if (!Origins.sameOrigin(base, target)) {
          return new Result.Refused(
              "the API redirected to another host; Gatehouse does not follow redirects that leave"
                  + " the API's address (HTTP "
                  + response.status()
                  + ")");
        }
        if (++redirects > MAX_REDIRECTS) {
          return new Result.Refused("the API redirected more than " + MAX_REDIRECTS + " times");
        }
        int status = response.status();
        boolean asGet =
            status == 303 || ((status == 301 || status == 302) && current.body().isPresent());
        current = current.redirectedTo(target, asGet);
        continue;
      }
      if (RetryPolicy.retryableStatus(response.status())
          && retry.mayRetry(current.method(), attempt)) {
        Duration backoff = retry.backoff(attempt);
        Duration wait =
            RetryPolicy.retryAfter(response.headers().firstValue("Retry-After"), clock.instant())
                .orElse(backoff);
        if (fits(wait, deadline)) {
          pause(wait);
          attempt++;
          continue;
        }
      }
      return new Result.Answered(response);
    }
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  private static boolean fits(Duration wait, long deadline) {
    return System.nanoTime() + wait.toNanos() < deadline;
  }

  private void pause(Duration wait) {
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UpstreamException(UpstreamException.Reason.CANCELLED, "the call was cancelled");
    }
  }

  /** The connection could not be made: safe to retry, nothing reached the server. */
  private static final class ConnectFailure extends Exception {
    ConnectFailure() {
      super(null, null, false, false);
    }
  }

  private Response exchange(OutgoingRequest request, long deadline, long maxBytes)
      throws ConnectFailure {
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      throw timedOut();
    }
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(request.uri())
            .timeout(Duration.ofNanos(left))
            .method(
                request.method(),
                request
                    .body()
                    .map(HttpRequest.BodyPublishers::ofByteArray)
                    .orElse(HttpRequest.BodyPublishers.noBody()));
    for (Map.Entry<String, String> header : request.headers()) {
      builder.header(header.getKey(), header.getValue());
    }
    CompletableFuture<HttpResponse<CappedBody.Bytes>> pending =
        client.sendAsync(builder.build(), CappedBody.handler(maxBytes));
    try {
      HttpResponse<CappedBody.Bytes> response =
          pending.get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      return new Response(
          response.statusCode(),
          response.headers(),
          response.body().data(),
          response.body().truncated());
    } catch (InterruptedException e) {
      pending.cancel(true);
      Thread.currentThread().interrupt();
      throw new UpstreamException(UpstreamException.Reason.CANCELLED, "the call was cancelled");
    } catch (TimeoutException e) {
      pending.cancel(true);
      throw timedOut();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof HttpConnectTimeoutException || cause instanceof ConnectException) {
        throw new ConnectFailure();
      }
      if (cause instanceof HttpTimeoutException) {
        throw timedOut();
      }
      if (cause instanceof IOException && cause.getCause() instanceof ConnectException) {
        throw new ConnectFailure();
      }
      throw new UpstreamException(
          UpstreamException.Reason.UNAVAILABLE,
          "upstream " + upstream + " failed: " + cause.getClass().getSimpleName());
    }
  }

  private UpstreamException timedOut() {
    return new UpstreamException(
        UpstreamException.Reason.TIMEOUT, "upstream " + upstream + " did not answer in time");
  }
}
