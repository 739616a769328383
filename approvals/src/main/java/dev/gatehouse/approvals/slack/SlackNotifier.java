package dev.gatehouse.approvals.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.chat.ChatUpdateResponse;
import dev.gatehouse.approvals.ApprovalQueue;
import dev.gatehouse.approvals.ApprovalRequest;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings Slack in line with the queue, run every half second: posts pending requests not posted
 * yet, and updates the message of each decided request (from any channel: Slack, CLI, API, expiry).
 * The queue is the truth, so a request made while Slack was down, or before a restart, is posted
 * when Slack answers again. Failures are logged and retried with exponential backoff (1 s doubling
 * to 5 min); a request waits pending meanwhile and can be decided from the CLI.
 */
public final class SlackNotifier implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(SlackNotifier.class);
  static final Duration FIRST_RETRY = Duration.ofSeconds(1);
  static final Duration LAST_RETRY = Duration.ofMinutes(5);

  private final ApprovalQueue queue;
  private final MethodsClient slack;
  private final String channel;
  private final InstantSource clock;
  private final Map<String, Backoff> failing = new ConcurrentHashMap<>();

  private record Backoff(int failures, Instant next) {}

  public SlackNotifier(
      ApprovalQueue queue, MethodsClient slack, String channel, InstantSource clock) {
    this.queue = queue;
    this.slack = slack;
    this.channel = channel;
    this.clock = clock;
  }

  @Override
  public void run() {
    try {
      for (ApprovalRequest request : queue.unannounced()) {
        if (due(request.id())) {
          post(request);
        }
      }
      for (ApprovalRequest request : queue.outcomesNotShown()) {
        if (due(request.id())) {
          update(request);
        }
      }
    } catch (RuntimeException e) {
      log.error("slack: syncing approval messages failed: {}", e.toString());
    }
  }

  private void post(ApprovalRequest request) {
    try {
      ChatPostMessageResponse response =
          slack.chatPostMessage(
              r ->
                  r.channel(channel)
                      .text(ApprovalMessage.text(request))
                      .blocks(ApprovalMessage.blocks(request)));
      if (response.isOk()) {
        queue.announced(request.id(), response.getChannel(), response.getTs());
        failing.remove(request.id());
      } else {
        failed(request, "chat.postMessage", response.getError());
      }
    } catch (IOException | SlackApiException e) {
      failed(request, "chat.postMessage", e.getClass().getSimpleName());
    }
  }

  private void update(ApprovalRequest request) {
    ApprovalRequest.SlackMessage message = request.slack().orElseThrow();
    try {
      ChatUpdateResponse response =
          slack.chatUpdate(
              r ->
                  r.channel(message.channel())
                      .ts(message.ts())
                      .text(ApprovalMessage.text(request))
                      .blocks(ApprovalMessage.blocks(request)));
      if (response.isOk()) {
        queue.outcomeShown(request.id());
        failing.remove(request.id());
      } else {
        failed(request, "chat.update", response.getError());
      }
    } catch (IOException | SlackApiException e) {
      failed(request, "chat.update", e.getClass().getSimpleName());
    }
  }

  private boolean due(String id) {
    Backoff backoff = failing.get(id);
    return backoff == null || !clock.instant().isBefore(backoff.next());
  }

  private void failed(ApprovalRequest request, String method, String why) {
    Backoff before = failing.get(request.id());
    int failures = before == null ? 1 : before.failures() + 1;
    Duration wait = FIRST_RETRY.multipliedBy(1L << Math.min(failures - 1, 16));
    if (wait.compareTo(LAST_RETRY) > 0) {
      wait = LAST_RETRY;
    }
    failing.put(request.id(), new Backoff(failures, clock.instant().plus(wait)));
    log.warn(
        "slack: {} for approval {} failed ({}); it stays {} and is retried in {} s",
        method,
        request.id(),
        why,
        request.state().word(),
        wait.toSeconds());
  }
}
