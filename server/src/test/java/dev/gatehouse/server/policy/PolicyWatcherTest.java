package dev.gatehouse.server.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the watcher takes an edit of the policy directory. */
class PolicyWatcherTest {
  @TempDir Path policies;

  @Test
  void anEditIsLoadedOnlyOnceTwoPollsSawTheSameFiles() throws Exception {
    Path file = policies.resolve("main.yaml");
    Files.writeString(
        file, "default: deny\nrules:\n  - { id: first, tools: [\"a__*\"], action: allow }\n");
    PolicyWatcher watcher = new PolicyWatcher(policies);
    String first = watcher.get().revision();
    List<String> inForce = new CopyOnWriteArrayList<>();
    watcher.onChange(() -> inForce.add(watcher.get().revision()));

    // An editor saving in place: the first half of the file is there, and it parses.
    String complete =
        "default: deny\nrules:\n  - { id: all, tools: [\"*\"], action: allow }\n"
            + "  - { id: no-deletes, tools: [\"*__delete*\"], action: deny }\n";
    Files.writeString(file, complete.substring(0, complete.indexOf("  - { id: no-deletes")));
    watcher.poll();
    assertThat(watcher.get().revision())
        .as("a file seen once may still be written")
        .isEqualTo(first);

    Files.writeString(file, complete);
    watcher.poll();
    assertThat(watcher.get().revision()).isEqualTo(first);
    watcher.poll();
    assertThat(watcher.get().rules()).extracting(r -> r.id()).containsExactly("all", "no-deletes");
    assertThat(inForce).hasSize(1);

    watcher.poll();
    assertThat(inForce).as("an unchanged directory is not loaded again").hasSize(1);
  }
}
