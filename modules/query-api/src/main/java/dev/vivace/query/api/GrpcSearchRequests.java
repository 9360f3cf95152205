package dev.vivace.query.api;

import dev.vivace.query.TimeRange;
import dev.vivace.search.SearchRequest;
import dev.vivace.traceql.TraceQL;
import dev.vivace.traceql.TraceQuery;
import java.time.Duration;

/**
 * Turns the {@code tempopb.SearchRequest} of a streaming search into a search, with the defaults,
 * limits and messages of Tempo's {@code /api/search}: Tempo's gRPC handler re-encodes the request
 * as HTTP parameters and validates it the same way. Zero means "not given" for every number.
 */
final class GrpcSearchRequests {

  /** Tempo's {@code query_frontend.search.default_result_limit}. */
  static final int DEFAULT_LIMIT = 20;

  /** Tempo's {@code query_frontend.search.max_result_limit}. */
  static final int MAX_LIMIT = 262_144;

  /** Tempo's {@code query_frontend.search.default_spans_per_span_set}. */
  static final int DEFAULT_SPANS_PER_SPAN_SET = 3;

  /** Tempo's {@code query_frontend.search.max_spans_per_span_set}. */
  static final int MAX_SPANS_PER_SPAN_SET = 100;

  /** Tempo's {@code query_frontend.search.max_duration}. */
  static final Duration MAX_DURATION = Duration.ofDays(7);

  /**
   * Validates {@code request} and compiles its query; an empty query is {@code {}}.
   *
   * @throws IllegalArgumentException with Tempo's message for a bad parameter or invalid TraceQL
   * @throws UnsupportedOperationException for a TraceQL construct that is not evaluated
   */
  static SearchRequest toSearch(dev.vivace.tempopb.SearchRequest request) {
    String query = request.getQuery();
    if (request.getTagsCount() > 0) {
      if (!query.isEmpty()) {
        throw new IllegalArgumentException(
            "invalid request: can't specify tags and q in the same query");
      }
      throw new IllegalArgumentException(
          "invalid request: tag search (Tags) is not supported over gRPC; send a TraceQL Query");
    }
    long minMs = Integer.toUnsignedLong(request.getMinDurationMs());
    long maxMs = Integer.toUnsignedLong(request.getMaxDurationMs());
    if (maxMs != 0 && minMs > maxMs) {
      throw new IllegalArgumentException("invalid maxDuration: must be greater than minDuration");
    }
    if (minMs != 0 || maxMs != 0) {
      throw new IllegalArgumentException(
          "invalid request: MinDurationMs and MaxDurationMs are not supported with a TraceQL"
              + " query; write the condition in the query, e.g. {traceDuration > 100ms}");
    }
    long start = seconds("start", request.getStart());
    long end = seconds("end", request.getEnd());
    TimeRange range = new TimeRange(start, end);
    if (start != 0 && end != 0 && end - start > MAX_DURATION.toSeconds()) {
      throw new IllegalArgumentException(
          "range specified by start and end exceeds "
              + GoDurations.format(MAX_DURATION.toNanos())
              + ". received start="
              + start
              + " end="
              + end);
    }
    long limit = Integer.toUnsignedLong(request.getLimit());
    if (limit == 0) {
      limit = DEFAULT_LIMIT;
    } else if (limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit " + limit + " exceeds max limit " + MAX_LIMIT);
    }
    long spss = Integer.toUnsignedLong(request.getSpansPerSpanSet());
    if (spss == 0) {
      spss = DEFAULT_SPANS_PER_SPAN_SET;
    } else if (spss > MAX_SPANS_PER_SPAN_SET) {
      throw new IllegalArgumentException(
          "spans per span set exceeds " + MAX_SPANS_PER_SPAN_SET + ". received " + spss);
    }
    TraceQuery compiled = TraceQuery.compile(TraceQL.parse(query.isEmpty() ? "{}" : query));
    return new SearchRequest(compiled, range, (int) limit, (int) spss);
  }

  /**
   * {@code value} as seconds; Tempo parses the re-encoded parameter as a 32-bit signed integer, so
   * larger values are refused as it refuses them.
   */
  static long seconds(String name, int value) {
    long unsigned = Integer.toUnsignedLong(value);
    if (unsigned > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "invalid "
              + name
              + ": strconv.ParseInt: parsing \""
              + unsigned
              + "\": value out of range");
    }
    return unsigned;
  }

  private GrpcSearchRequests() {}
}
