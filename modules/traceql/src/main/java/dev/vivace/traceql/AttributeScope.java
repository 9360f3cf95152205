package dev.vivace.traceql;

/** Where an attribute is looked up. */
public enum AttributeScope {
  /** The unscoped {@code .name}: a span attribute, else a resource attribute. */
  NONE(""),
  /** {@code resource.name}. */
  RESOURCE("resource"),
  /** {@code span.name}. */
  SPAN("span"),
  /** {@code event.name}. */
  EVENT("event"),
  /** {@code link.name}. */
  LINK("link"),
  /** {@code instrumentation.name}. */
  INSTRUMENTATION("instrumentation");

  private final String keyword;

  AttributeScope(String keyword) {
    this.keyword = keyword;
  }

  /** The scope as written before the dot; empty for {@link #NONE}. */
  public String keyword() {
    return keyword;
  }
}
