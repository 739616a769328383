package dev.gatehouse.shield;

import java.util.List;

/**
 * A resource URI and the upstream that owns it (it lists the URI, or one of its templates matches
 * it). URIs are not renamed: the agent reads the upstream's own URI.
 *
 * @param templates the text of the owner's templates that match the URI when it is served through
 *     them (the upstream does not list it); empty for a listed resource
 */
public record ResourceTarget(String uri, String upstream, List<String> templates)
    implements Target {
  public ResourceTarget {
    templates = List.copyOf(templates);
  }

  /** A listed resource, or a template's own text. */
  public ResourceTarget(String uri, String upstream) {
    this(uri, upstream, List.of());
  }

  @Override
  public String exposedName() {
    return uri;
  }

  @Override
  public String upstreamName() {
    return uri;
  }

  @Override
  public Feature feature() {
    return Feature.RESOURCE;
  }
}
