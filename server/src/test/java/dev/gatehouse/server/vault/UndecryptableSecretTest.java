package dev.gatehouse.server.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.connectors.UpstreamSpec;
import dev.gatehouse.connectors.UpstreamState;
import dev.gatehouse.connectors.UpstreamStatus;
import dev.gatehouse.server.testing.FakeHttpUpstream;
import dev.gatehouse.server.testing.GatewayHarness;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A secret whose ciphertext was tampered with stops its upstream: nothing is sent to it. */
class UndecryptableSecretTest {
  @TempDir Path data;

  @Test
  void aTamperedSecretKeepsItsUpstreamDownWithAClearReason() throws Exception {
    try (FakeHttpUpstream upstream = new FakeHttpUpstream().start()) {
      try (GatewayHarness seed = GatewayHarness.start(data, List.of())) {
        seed.gateway().vault().put("API_KEY", "ak-" + "Tt5Rr6Ee7Ww8Qq9Yy0Uu1Ii2");
        seed.gateway()
            .database()
            .jdbi()
            .useHandle(
                h ->
                    h.execute(
                        "update secrets set ciphertext = substr(ciphertext, 1, length(ciphertext) - 1) || x'00'"));
      }
      UpstreamSpec.Http spec =
          new UpstreamSpec.Http(
              "guarded",
              Optional.of("guarded"),
              Duration.ofSeconds(30),
              URI.create(upstream.url()),
              Map.of("X-Api-Key", "${secret:API_KEY}"));
      try (GatewayHarness harness = GatewayHarness.start(data, List.of(spec))) {
        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () -> harness.gateway().upstreams().get(0).status().state() == UpstreamState.DOWN);
        UpstreamStatus status = harness.gateway().upstreams().get(0).status();
        assertThat(status.detail()).contains("secret API_KEY does not decrypt");
        assertThat(upstream.requestHeaders()).isEmpty();
        assertThat(harness.gateway().catalog().snapshot().tools()).isEmpty();
      }
    }
  }
}
