package dev.gatehouse.connectors.http;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A path such as {@code /repos/{owner}/{repo}} and the parameters it names. */
public final class PathTemplate {
  public static final Pattern PARAMETER = Pattern.compile("\\{([A-Za-z0-9_.-]+)}");

  private PathTemplate() {}

  public static List<String> parameters(String path) {
    List<String> names = new ArrayList<>();
    Matcher m = PARAMETER.matcher(path);
    while (m.find()) {
      if (!names.contains(m.group(1))) {
        names.add(m.group(1));
      }
    }
    return List.copyOf(names);
  }
}
