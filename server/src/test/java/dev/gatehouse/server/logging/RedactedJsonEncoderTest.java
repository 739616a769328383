package dev.gatehouse.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.shield.redact.SecretRedactor;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** JSON log lines: one object per line, the call id, vault secrets masked. */
class RedactedJsonEncoderTest {
  @AfterEach
  void forget() {
    LogRedaction.use(SecretRedactor.empty());
  }

  @Test
  void aLineIsOneJsonObjectWithTheCallIdAndNoSecret() throws Exception {
    LogRedaction.use(SecretRedactor.of(Map.of("GITHUB_TOKEN", "ghp_supersecretvalue123")));
    LoggerContext context = new LoggerContext();
    RedactedJsonEncoder encoder = new RedactedJsonEncoder();
    encoder.setContext(context);
    encoder.start();
    LoggingEvent event =
        new LoggingEvent(
            "fqcn",
            context.getLogger("dev.gatehouse.test"),
            Level.WARN,
            "upstream said {}",
            new IllegalStateException("echoed ghp_supersecretvalue123"),
            new Object[] {"token ghp_supersecretvalue123 \"quoted\""});
    event.setMDCPropertyMap(Map.of("call", "call-42"));

    String line = encoder.encodeToString(event);
    assertThat(line).endsWith("\n").doesNotContain("ghp_supersecretvalue123");
    assertThat(line.strip()).doesNotContain("\n");
    JsonNode json = new ObjectMapper().readTree(line);
    assertThat(json.path("level").asText()).isEqualTo("WARN");
    assertThat(json.path("call").asText()).isEqualTo("call-42");
    assertThat(json.path("message").asText())
        .isEqualTo("upstream said token [REDACTED:GITHUB_TOKEN] \"quoted\"");
    assertThat(json.path("exception").asText())
        .contains("IllegalStateException")
        .contains("[REDACTED:GITHUB_TOKEN]");
  }
}
