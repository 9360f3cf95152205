package dev.vivace.query.api;

import static java.util.Objects.requireNonNull;

import dev.vivace.traceql.TraceQL;
import java.time.Duration;

/**
 * The limits of {@code GET /api/search}, Tempo's {@code query_frontend.search.*}, {@code
 * query_frontend.max_query_expression_size_bytes} and {@code querier.search.query_timeout}.
 *
 * @param defaultResultLimit traces returned when the request has no {@code limit}
 * @param maxResultLimit the largest {@code limit} accepted; 0 means no limit
 * @param maxDuration the widest {@code start}–{@code end} window accepted; zero means no limit
 * @param defaultSpansPerSpanSet spans shown per span set when the request has no {@code spss}; 0
 *     shows them all
 * @param maxSpansPerSpanSet the largest {@code spss} accepted; 0 means no limit
 * @param maxQueryBytes the longest {@code q} accepted, in UTF-8 bytes, at most {@link
 *     TraceQL#MAX_QUERY_BYTES}
 * @param queryTimeout how long a search may run; what was found by then is returned, marked partial
 */
public record SearchLimits(
    int defaultResultLimit,
    int maxResultLimit,
    Duration maxDuration,
    int defaultSpansPerSpanSet,
    int maxSpansPerSpanSet,
    int maxQueryBytes,
    Duration queryTimeout) {

  /** Tempo's default {@code default_result_limit}: 20. */
  public static final int DEFAULT_RESULT_LIMIT = 20;

  /** Tempo's default {@code max_result_limit}: 262144. */
  public static final int DEFAULT_MAX_RESULT_LIMIT = 262_144;

  /** Tempo's default {@code max_duration}: 168h. */
  public static final Duration DEFAULT_MAX_DURATION = Duration.ofDays(7);

  /** Tempo's default {@code default_spans_per_span_set}: 3. */
  public static final int DEFAULT_SPANS_PER_SPAN_SET = 3;

  /** Tempo's default {@code max_spans_per_span_set}: 100. */
  public static final int DEFAULT_MAX_SPANS_PER_SPAN_SET = 100;

  /** Tempo's default {@code querier.search.query_timeout}: 30s. */
  public static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(30);

  /** Tempo's defaults throughout. */
  public static final SearchLimits DEFAULT =
      new SearchLimits(
          DEFAULT_RESULT_LIMIT,
          DEFAULT_MAX_RESULT_LIMIT,
          DEFAULT_MAX_DURATION,
          DEFAULT_SPANS_PER_SPAN_SET,
          DEFAULT_MAX_SPANS_PER_SPAN_SET,
          TraceQL.MAX_QUERY_BYTES,
          DEFAULT_QUERY_TIMEOUT);

  /** Validates the limits, so that a default request is never refused by its own limits. */
  public SearchLimits {
    requireNonNull(maxDuration, "maxDuration");
    requireNonNull(queryTimeout, "queryTimeout");
    if (defaultResultLimit < 1) {
      throw new IllegalArgumentException(
          "defaultResultLimit: " + defaultResultLimit + " (expected: >= 1)");
    }
    if (maxResultLimit < 0 || (maxResultLimit > 0 && maxResultLimit < defaultResultLimit)) {
      throw new IllegalArgumentException(
          "maxResultLimit: "
              + maxResultLimit
              + " (expected: 0, or >= defaultResultLimit "
              + defaultResultLimit
              + ")");
    }
    if (maxDuration.isNegative()) {
      throw new IllegalArgumentException("maxDuration: " + maxDuration + " (expected: >= 0)");
    }
    if (defaultSpansPerSpanSet < 0) {
      throw new IllegalArgumentException(
          "defaultSpansPerSpanSet: " + defaultSpansPerSpanSet + " (expected: >= 0)");
    }
    if (maxSpansPerSpanSet < 0
        || (maxSpansPerSpanSet > 0 && maxSpansPerSpanSet < defaultSpansPerSpanSet)) {
      throw new IllegalArgumentException(
          "maxSpansPerSpanSet: "
              + maxSpansPerSpanSet
              + " (expected: 0, or >= defaultSpansPerSpanSet "
              + defaultSpansPerSpanSet
              + ")");
    }
    if (maxQueryBytes < 1 || maxQueryBytes > TraceQL.MAX_QUERY_BYTES) {
      throw new IllegalArgumentException(
          "maxQueryBytes: " + maxQueryBytes + " (expected: 1 to " + TraceQL.MAX_QUERY_BYTES + ")");
    }
    if (queryTimeout.isNegative() || queryTimeout.isZero()) {
      throw new IllegalArgumentException("queryTimeout: " + queryTimeout + " (expected: > 0)");
    }
  }
}
