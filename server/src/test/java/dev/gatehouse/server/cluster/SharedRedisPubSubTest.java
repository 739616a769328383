package dev.gatehouse.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.server.config.ClusterSettings;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Pub/sub over the nodes' connections to the Redis on this machine, on channels of this run's own.
 */
class SharedRedisPubSubTest {
  static final ClusterSettings.Redis REDIS =
      new ClusterSettings.Redis(URI.create("redis://127.0.0.1:6379/0"), Optional.empty());
  final String channel = "gatehouse-test:" + UUID.randomUUID() + ":decided";

  @Test
  void aNodeHearsWhatAnotherPublishesWhetherItSubscribedBeforeOrAfterConnecting() {
    List<String> early = new CopyOnWriteArrayList<>();
    List<String> late = new CopyOnWriteArrayList<>();
    try (SharedRedis a = new SharedRedis(REDIS, "pubsub-a");
        SharedRedis b = new SharedRedis(REDIS, "pubsub-b")) {
      a.subscribe(channel, early::add);
      a.start(Optional.empty());
      b.start(Optional.empty());
      b.subscribe(channel + ":b", late::add);

      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> b.publish(channel, "ap_one") && early.contains("ap_one"));
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> a.publish(channel + ":b", "ap_two") && late.contains("ap_two"));
      assertThat(a.problem()).isEmpty();
    }
  }

  @Test
  void aCliProcessPublishesOverAConnectionOfItsOwn() {
    List<String> heard = new CopyOnWriteArrayList<>();
    try (SharedRedis node = new SharedRedis(REDIS, "pubsub-node")) {
      node.subscribe(channel, heard::add);
      node.start(Optional.empty());
      SharedRedis cli = new SharedRedis(REDIS, "pubsub-cli");
      assertThat(cli.started()).isFalse();
      await()
          .atMost(Duration.ofSeconds(5))
          .until(
              () ->
                  SharedRedis.publishOnce(REDIS, Optional.empty(), "cli", channel, "ap_cli")
                      && heard.contains("ap_cli"));
    }
  }

  @Test
  void publishingWithoutAConnectionSaysSoInsteadOfWaiting() {
    ClusterSettings.Redis nowhere =
        new ClusterSettings.Redis(URI.create("redis://127.0.0.1:1/0"), Optional.empty());
    try (SharedRedis down = new SharedRedis(nowhere, "pubsub-down")) {
      down.start(Optional.empty());
      assertThat(down.publish(channel, "ap_lost")).isFalse();
      assertThat(down.problem()).isPresent();
      assertThat(SharedRedis.publishOnce(nowhere, Optional.empty(), "cli", channel, "ap_lost"))
          .isFalse();
    }
  }
}
