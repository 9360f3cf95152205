package dev.vivace.search;

import static java.util.Objects.requireNonNull;

import dev.vivace.query.TimeRange;
import dev.vivace.traceql.TraceQuery;

/**
 * One search: the compiled query, the time window, how many traces to return and how many spans to
 * show per span set.
 *
 * @param query the compiled TraceQL query (a legacy tag search is translated into one)
 * @param range the window in seconds; {@link #recentOnly()} when both ends are zero
 * @param limit the most traces to return, at least 1
 * @param spansPerSpanSet the most spans shown per span set; 0 shows them all
 */
public record SearchRequest(TraceQuery query, TimeRange range, int limit, int spansPerSpanSet) {

  /** Validates the request. */
  public SearchRequest {
    requireNonNull(query, "query");
    requireNonNull(range, "range");
    if (limit < 1) {
      throw new IllegalArgumentException("limit: " + limit + " (expected: >= 1)");
    }
    if (spansPerSpanSet < 0) {
      throw new IllegalArgumentException(
          "spansPerSpanSet: " + spansPerSpanSet + " (expected: >= 0)");
    }
  }

  /**
   * True when neither {@code start} nor {@code end} was given: as in Tempo, only recent data (the
   * ingester's live traces and the blocks it has not yet flushed) is searched.
   */
  public boolean recentOnly() {
    return range.startSeconds() == 0 && range.endSeconds() == 0;
  }

  /**
   * Whether a trace that spans [{@code startNanos}, {@code endNanos}] lies in the window: it
   * overlaps it.
   */
  public boolean inRange(long startNanos, long endNanos) {
    return inRange(range, startNanos, endNanos);
  }

  /** Whether [{@code startNanos}, {@code endNanos}] overlaps {@code range}. */
  static boolean inRange(TimeRange range, long startNanos, long endNanos) {
    return range.overlaps(startNanos / 1_000_000_000L, ceilSeconds(endNanos));
  }

  private static long ceilSeconds(long nanos) {
    return nanos / 1_000_000_000L + (nanos % 1_000_000_000L == 0 ? 0 : 1);
  }
}
