package dev.gatehouse.shield.policy;

import java.util.regex.Pattern;

/**
 * A name pattern: {@code *} matches any run of characters, {@code ?} one character. The common
 * shapes — {@code *}, a plain name, {@code prefix*} — are matched without a regex; policy
 * evaluation checks every rule's globs on every call.
 */
public final class Glob {
  private final String text;
  private final Pattern pattern;
  private final String prefix; // non-null for "name" (exact) and "prefix*" shapes
  private final boolean exact;

  private Glob(String text, Pattern pattern) {
    this.text = text;
    this.pattern = pattern;
    int star = text.indexOf('*');
    boolean simple = text.indexOf('?') < 0 && (star < 0 || star == text.length() - 1);
    this.exact = simple && star < 0;
    this.prefix = simple ? (exact ? text : text.substring(0, star)) : null;
  }

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

  public String text() {
    return text;
  }

  /** The equivalent regular expression (matched as a whole). */
  public Pattern pattern() {
    return pattern;
  }

  public boolean matches(String value) {
    if (prefix != null) {
      return exact ? prefix.equals(value) : value.startsWith(prefix);
    }
    return pattern.matcher(value).matches();
  }

  /** True when this glob matches every name ({@code *}). */
  public boolean matchesEverything() {
    return text.chars().allMatch(c -> c == '*') && !text.isEmpty();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Glob glob && glob.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  @Override
  public String toString() {
    return "Glob[" + text + "]";
  }
}
