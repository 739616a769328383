package dev.gatehouse.shield.policy;

import java.util.regex.Pattern;

/** A name pattern: {@code *} matches any run of characters, {@code ?} one character. */
public record Glob(String text, Pattern pattern) {
  public static Glob of(String text) {
    StringBuilder regex = new StringBuilder();
    for (char c : text.toCharArray()) {
      switch (c) {
        case '*' -> regex.append(".*");
        case '?' -> regex.append('.');
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return new Glob(text, Pattern.compile(regex.toString(), Pattern.DOTALL));
  }

  public boolean matches(String value) {
    return pattern.matcher(value).matches();
  }

  /** True when this glob matches every name ({@code *}). */
  public boolean matchesEverything() {
    return text.chars().allMatch(c -> c == '*') && !text.isEmpty();
  }
}
