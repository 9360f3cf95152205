package dev.vivace.search;

import java.util.List;

/**
 * A span set of a search result.
 *
 * @param spans the first spans of the set, at most the request's spans per span set
 * @param matched how many spans the set has in all
 * @param attributes the set's own attributes: {@code by(...)} groups and aggregates
 */
public record SpansetMatch(List<SpanMatch> spans, int matched, List<SpanAttribute> attributes) {

  /** Copies the lists. */
  public SpansetMatch {
    spans = List.copyOf(spans);
    attributes = List.copyOf(attributes);
    if (matched < spans.size()) {
      throw new IllegalArgumentException(
          "matched: " + matched + " (expected: >= " + spans.size() + " spans)");
    }
  }
}
