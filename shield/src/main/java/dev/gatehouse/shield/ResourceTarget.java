package dev.gatehouse.shield;

/**
 * A resource URI and the upstream that owns it (it lists the URI, or one of its templates matches
 * it). URIs are not renamed: the agent reads the upstream's own URI.
 */
public record ResourceTarget(String uri, String upstream) implements Target {
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
