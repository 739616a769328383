package dev.gatehouse.shield.redact;

import dev.gatehouse.shield.text.PatternAutomaton;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Replaces every occurrence of a known secret value — as is, base64 (standard and URL-safe, with
 * and without padding), URL-encoded, or hex (either case) — with {@code [REDACTED:NAME]}. Values
 * shorter than {@link #MIN_LENGTH} are not matched: they would mask ordinary words.
 */
public final class SecretRedactor {
  public static final int MIN_LENGTH = 6;
  private static final SecretRedactor EMPTY = new SecretRedactor(Map.of());

  private final PatternAutomaton matcher;
  private final List<String> names;
  private final List<String> forms;

  private SecretRedactor(Map<String, String> secretsByName) {
    List<String> patterns = new ArrayList<>();
    List<String> owners = new ArrayList<>();
    secretsByName.forEach(
        (name, value) -> {
          if (value.length() < MIN_LENGTH) {
            return;
          }
          for (String form : forms(value)) {
            patterns.add(form);
            owners.add(name);
          }
        });
    // Every form of every secret: too many states for a table (a PEM key alone gives tens of
    // thousands), so the automaton keeps edges once the table would pass its limit.
    this.matcher = PatternAutomaton.forScanning(patterns, PatternAutomaton.Case.EXACT);
    this.names = List.copyOf(owners);
    this.forms = List.copyOf(patterns);
  }

  public static SecretRedactor of(Map<String, String> secretsByName) {
    return secretsByName.isEmpty() ? EMPTY : new SecretRedactor(secretsByName);
  }

  /** True when there is nothing to look for (no secret, or only ones too short to match). */
  public boolean isEmpty() {
    return names.isEmpty();
  }

  public static SecretRedactor empty() {
    return EMPTY;
  }

  /** The text with every secret (in any known form) replaced; the same instance when clean. */
  public String redact(String text) {
    if (text == null || names.isEmpty() || text.length() < MIN_LENGTH) {
      return text;
    }
    List<Hit> hits = find(text);
    if (hits.isEmpty()) {
      return text;
    }
    hits.sort(Comparator.comparingInt(Hit::start).thenComparingInt(h -> -h.end()));
    StringBuilder out = new StringBuilder(text.length());
    int written = 0;
    for (Hit hit : hits) {
      if (hit.start() < written) {
        if (hit.end() > written) {
          written = hit.end(); // overlapping match: extend the masked span
        }
        continue;
      }
      out.append(text, written, hit.start())
          .append("[REDACTED:")
          .append(names.get(hit.pattern()))
          .append(']');
      written = hit.end();
    }
    out.append(text, written, text.length());
    return out.toString();
  }

  /** The names of the secrets found in {@code text}, for recording the event. */
  public Set<String> secretsIn(String text) {
    Set<String> found = new LinkedHashSet<>();
    if (text != null && !names.isEmpty()) {
      matcher.scan(text, (start, end, pattern) -> found.add(names.get(pattern)));
    }
    return found;
  }

  /**
   * Where {@code text} may be cut at or before {@code end} so that no beginning of a secret is left
   * at the cut: a secret cut in half is not recognised by {@link #redact}, and its first part would
   * leak. Returns {@code end} when nothing at the cut starts like a secret.
   */
  public int safeEnd(CharSequence text, int end) {
    return safeEnd(text, end, forms);
  }

  /**
   * As {@link #safeEnd(CharSequence, int)}, for the given values: the earliest start of a proper
   * prefix of one of them that ends at {@code end}, or {@code end}.
   */
  public static int safeEnd(CharSequence text, int end, java.util.Collection<String> values) {
    int safe = end;
    for (String value : values) {
      for (int k = Math.min(value.length() - 1, end); k > 0 && end - k < safe; k--) {
        if (startsAt(text, end - k, value, k)) {
          safe = end - k;
          break;
        }
      }
    }
    return safe;
  }

  private static boolean startsAt(CharSequence text, int at, String value, int length) {
    for (int i = 0; i < length; i++) {
      if (text.charAt(at + i) != value.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** How many ints the matcher's transitions take, for tests bounding its memory. */
  long matcherInts() {
    return matcher.transitionInts();
  }

  /** One occurrence: [start, end) of the form with index {@code pattern}. */
  private record Hit(int start, int end, int pattern) {}

  /** Every occurrence of every form in {@code text}, by ascending end. */
  private List<Hit> find(String text) {
    List<Hit> hits = new ArrayList<>();
    matcher.scan(text, (start, end, pattern) -> hits.add(new Hit(start, end, pattern)));
    return hits;
  }

  private static Set<String> forms(String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    Set<String> forms = new LinkedHashSet<>();
    forms.add(value);
    forms.addAll(base64Cores(bytes, Base64.getEncoder()));
    forms.addAll(base64Cores(bytes, Base64.getUrlEncoder()));
    forms.add(URLEncoder.encode(value, StandardCharsets.UTF_8));
    forms.add(URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
    forms.add(jsonEscaped(value));
    String hex = HexFormat.of().formatHex(bytes);
    forms.add(hex);
    forms.add(hex.toUpperCase(Locale.ROOT));
    forms.removeIf(form -> form.length() < MIN_LENGTH);
    return forms;
  }

  /** The value as it appears inside a JSON string (quotes, backslashes and controls escaped). */
  private static String jsonEscaped(String value) {
    StringBuilder out = new StringBuilder();
    for (char c : value.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  /**
   * The part of the base64 text of {@code value} that does not depend on what surrounds it, for
   * each of the three alignments it can have inside a longer encoded text (a secret inside an
   * encoded header line, say).
   */
  private static List<String> base64Cores(byte[] value, Base64.Encoder encoder) {
    List<String> cores = new ArrayList<>();
    for (int offset = 0; offset < 3; offset++) {
      byte[] shifted = new byte[offset + value.length];
      System.arraycopy(value, 0, shifted, offset, value.length);
      String encoded = encoder.encodeToString(shifted);
      int first = (offset * 4 + 2) / 3; // the first character made of value bits only
      int end = (offset + value.length) * 8 / 6; // after the last character made of value bits only
      if (end > first) {
        cores.add(encoded.substring(first, end));
      }
    }
    return cores;
  }
}
