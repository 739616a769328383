package dev.gatehouse.connectors.http;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a response body up to a limit; past it, stops reading (the rest is never downloaded) and
 * says the body was cut.
 */
final class CappedBody implements HttpResponse.BodySubscriber<CappedBody.Bytes> {
  /** What was read, and whether there was more. */
  record Bytes(byte[] data, boolean truncated) {}

  private final long max;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final CompletableFuture<Bytes> result = new CompletableFuture<>();
  private Flow.Subscription subscription;

  CappedBody(long max) {
    this.max = max;
  }

  static HttpResponse.BodyHandler<Bytes> handler(long max) {
    return info -> new CappedBody(max);
  }

  @Override
  public CompletionStage<Bytes> getBody() {
    return result;
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    s.request(1);
  }

  @Override
  public void onNext(List<ByteBuffer> items) {
    for (ByteBuffer buffer : items) {
      long room = max - out.size();
      if (buffer.remaining() > room) {
        byte[] part = new byte[(int) room];
        buffer.get(part);
        out.write(part, 0, part.length);
        subscription.cancel();
        result.complete(new Bytes(out.toByteArray(), true));
        return;
      }
      byte[] all = new byte[buffer.remaining()];
      buffer.get(all);
      out.write(all, 0, all.length);
    }
    subscription.request(1);
  }

  @Override
  public void onError(Throwable throwable) {
    result.completeExceptionally(throwable);
  }

  @Override
  public void onComplete() {
    result.complete(new Bytes(out.toByteArray(), false));
  }
}
