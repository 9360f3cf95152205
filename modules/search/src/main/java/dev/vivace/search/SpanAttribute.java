package dev.vivace.search;

import static java.util.Objects.requireNonNull;

import dev.vivace.traceql.Static;

/**
 * An attribute shown with a result span or span set: the name without its scope, as Tempo shows it
 * ({@code service.name}, {@code status}, {@code count()}), and its value.
 */
public record SpanAttribute(String key, Static value) {

  /** Creates an attribute. */
  public SpanAttribute {
    requireNonNull(key, "key");
    requireNonNull(value, "value");
  }
}
