package dev.vivace.search;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A span of a span set in a search result.
 *
 * @param spanId 16 lower-case hex digits
 * @param name the span's name when the query referred to it, else null
 * @param startNanos start, Unix epoch nanoseconds
 * @param durationNanos end minus start
 * @param attributes the attributes and intrinsics the query compared or selected that the span has
 */
public record SpanMatch(
    String spanId,
    @Nullable String name,
    long startNanos,
    long durationNanos,
    List<SpanAttribute> attributes) {

  /** Copies the attributes. */
  public SpanMatch {
    requireNonNull(spanId, "spanId");
    attributes = List.copyOf(attributes);
  }
}
