package dev.vivace.search;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What a search found.
 *
 * @param traces the matching traces, newest first, at most the request's limit
 * @param metrics what was inspected
 * @param failures what could not be searched (block IDs and reasons), so results may be missing
 * @param timedOut true when the deadline passed before every tier had answered
 */
public record SearchResult(
    List<TraceMatch> traces, SearchMetrics metrics, List<String> failures, boolean timedOut) {

  /** Copies the lists. */
  public SearchResult {
    traces = List.copyOf(traces);
    requireNonNull(metrics, "metrics");
    failures = List.copyOf(failures);
  }

  /** True when some data could not be searched in time or at all. */
  public boolean isPartial() {
    return timedOut || !failures.isEmpty();
  }
}
