package dev.gatehouse.server.approvals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.server.config.ConfigLoader;
import dev.gatehouse.server.config.GatehouseConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/** The Slack set-up users copy from docs/SLACK.md and examples/slack stays true. */
class SlackDocsTest {
  @TempDir Path dir;

  @Test
  @SuppressWarnings("unchecked")
  void theManifestAsksForTheScopesAndPointsAtTheInteractionEndpoint() throws Exception {
    Map<String, Object> manifest =
        new Yaml().load(Files.readString(Path.of("../examples/slack/manifest.yaml")));
    Map<String, Object> oauth = (Map<String, Object>) manifest.get("oauth_config");
    List<String> bot = (List<String>) ((Map<String, Object>) oauth.get("scopes")).get("bot");
    assertThat(bot).containsExactlyInAnyOrder("chat:write", "usergroups:read");
    Map<String, Object> interactivity =
        (Map<String, Object>) ((Map<String, Object>) manifest.get("settings")).get("interactivity");
    assertThat(interactivity.get("is_enabled")).isEqualTo(true);
    assertThat((String) interactivity.get("request_url"))
        .isEqualTo("https://YOUR-HOST/slack/interactions");
  }

  @Test
  void theConfigShownInTheGuideLoads() throws Exception {
    String guide = Files.readString(Path.of("../docs/SLACK.md"));
    String section = guide.substring(guide.indexOf("## 3. Configure Gatehouse"));
    int start = section.indexOf("```yaml\n") + "```yaml\n".length();
    String yaml = section.substring(start, section.indexOf("```", start));
    Path file = dir.resolve("gatehouse.yaml");
    Files.writeString(file, yaml);

    GatehouseConfig config = ConfigLoader.load(file);

    assertThat(config.approvals().slack()).isPresent();
    assertThat(config.secretReferences())
        .extracting(r -> r.name())
        .containsExactly("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET");
  }
}
