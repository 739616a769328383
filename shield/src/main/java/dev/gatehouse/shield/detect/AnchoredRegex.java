package dev.gatehouse.shield.detect;

import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A regular expression tried only at anchor positions, each attempt anchored there ({@code
 * lookingAt}). Patterns use bounded quantifiers only, so each attempt does bounded work and the
 * whole scan stays linear. Lookbehinds see the text before the anchor.
 *
 * @param anchors where a match may start
 * @param pattern what must match from an anchor
 * @param group the group whose range is reported (0 for the whole match)
 * @param accept a last check on the reported group's text (a checksum, a decoded header, ...)
 */
record AnchoredRegex(Anchors anchors, Pattern pattern, int group, Predicate<String> accept)
    implements Finder {

  static AnchoredRegex of(Anchors anchors, String regex) {
    return new AnchoredRegex(anchors, Pattern.compile(regex), 0, value -> true);
  }

  static AnchoredRegex of(Anchors anchors, String regex, Predicate<String> accept) {
    return new AnchoredRegex(anchors, Pattern.compile(regex), 0, accept);
  }

  @Override
  public Triggers triggers() {
    return anchors.triggers();
  }

  @Override
  public void findAll(String text, List<Match> found) {
    int[] starts = anchors.in(text);
    if (starts.length == 0) {
      return;
    }
    Matcher matcher = pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
    int consumed = 0;
    for (int start : starts) {
      if (start < consumed) {
        continue;
      }
      matcher.region(start, text.length());
      if (matcher.lookingAt() && accept.test(matcher.group(group))) {
        found.add(new Match(matcher.start(group), matcher.end(group)));
        consumed = Math.max(matcher.end(), start + 1);
      }
    }
  }
}
