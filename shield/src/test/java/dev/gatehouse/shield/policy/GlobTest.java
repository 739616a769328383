package dev.gatehouse.shield.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Globs match the same names whether or not they take the regex-free path. */
class GlobTest {
  @Test
  void everyShapeMatchesWhatItsRegexMatches() {
    String[] globs = {
      "*", "", "github__get_repo", "github__*", "github__get_*", "*__delete_*", "a?c", "x*y*", "**"
    };
    String[] names = {
      "",
      "github__get_repo",
      "github__get_issue",
      "github__delete_repo",
      "gitlab__x",
      "abc",
      "xy",
      "x-y-z",
      "a*c"
    };
    for (String text : globs) {
      Glob glob = Glob.of(text);
      for (String name : names) {
        assertThat(glob.matches(name))
            .as("%s against %s", text, name)
            .isEqualTo(glob.pattern().matcher(name).matches());
      }
    }
    assertThat(Glob.of("github__*").matches("github__anything")).isTrue();
    assertThat(Glob.of("github__get_repo").matches("github__get_repos")).isFalse();
  }
}
