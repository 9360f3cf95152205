package dev.vivace.query.api;

import com.linecorp.armeria.common.QueryParams;
import dev.vivace.query.TimeRange;
import dev.vivace.search.SearchRequest;
import dev.vivace.traceql.RootExpr;
import dev.vivace.traceql.TraceQL;
import dev.vivace.traceql.TraceQuery;
import dev.vivace.traceql.UnsupportedTraceQLException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The parameters of {@code GET /api/search}, checked in Tempo's order with Tempo's messages: the
 * query's size and syntax first, then {@code start}, {@code end}, {@code tags}, {@code
 * minDuration}, {@code maxDuration}, {@code limit}, {@code spss} and the window, then the limits.
 * An empty parameter counts as absent, as in Tempo.
 */
final class SearchParams {

  /** Names that are never legacy tags. */
  private static final Set<String> RESERVED =
      Set.of("q", "tags", "minDuration", "maxDuration", "limit", "spss", "start", "end");

  private SearchParams() {}

  /**
   * Returns the search {@code params} ask for.
   *
   * @throws IllegalArgumentException with Tempo's 400 message
   */
  static SearchRequest parse(QueryParams params, SearchLimits limits) {
    String q = TagParams.get(params, "q");
    RootExpr parsed = null;
    if (q != null) {
      int size = q.getBytes(StandardCharsets.UTF_8).length;
      if (size > limits.maxQueryBytes()) {
        throw new IllegalArgumentException(
            "TraceQL expression exceeds the configured maximum size of "
                + limits.maxQueryBytes()
                + " bytes, reduce the query expression size or contact your system administrator");
      }
      parsed = TraceQL.parse(q);
    }
    long start = seconds(params, "start");
    long end = seconds(params, "end");

    String encodedTags = TagParams.get(params, "tags");
    Map<String, String> tags = new LinkedHashMap<>();
    if (encodedTags != null) {
      if (q != null) {
        throw new IllegalArgumentException(
            "invalid request: can't specify tags and q in the same query");
      }
      tags = LogfmtTags.parse(encodedTags);
    }
    if (q == null && encodedTags == null && start == 0 && end == 0) {
      for (String name : params.names()) {
        String value = params.get(name);
        if (!RESERVED.contains(name) && value != null && !value.isEmpty()) {
          tags.put(name, value);
        }
      }
    }

    long minMillis = 0;
    String min = TagParams.get(params, "minDuration");
    if (min != null) {
      minMillis = millis("minDuration", min);
    }
    long maxMillis = 0;
    String max = TagParams.get(params, "maxDuration");
    if (max != null) {
      maxMillis = millis("maxDuration", max);
      if (minMillis != 0 && minMillis > maxMillis) {
        throw new IllegalArgumentException("invalid maxDuration: must be greater than minDuration");
      }
    }

    long limit = 0;
    String rawLimit = TagParams.get(params, "limit");
    if (rawLimit != null) {
      long value = integer("limit", rawLimit);
      if (value <= 0) {
        throw new IllegalArgumentException("invalid limit: must be a positive number");
      }
      limit = value & 0xFFFF_FFFFL; // Tempo keeps it as a uint32
    }
    long spss = limits.defaultSpansPerSpanSet();
    String rawSpss = TagParams.get(params, "spss");
    if (rawSpss != null) {
      long value = integer("spss", rawSpss);
      if (value < 0) {
        throw new IllegalArgumentException("invalid spss: must be a non-negative number");
      }
      spss = value & 0xFFFF_FFFFL;
    }
    if ((start != 0 || end != 0) && end <= start) {
      throw new IllegalArgumentException(
          "http parameter start must be before end. received start=" + start + " end=" + end);
    }

    if (limit == 0) {
      limit = limits.defaultResultLimit();
    } else if (limits.maxResultLimit() != 0 && limit > limits.maxResultLimit()) {
      throw new IllegalArgumentException(
          "limit " + limit + " exceeds max limit " + limits.maxResultLimit());
    }
    long maxNanos = limits.maxDuration().toNanos();
    if (maxNanos != 0 && (end - start) * 1_000_000_000L > maxNanos) {
      throw new IllegalArgumentException(
          "range specified by start and end exceeds "
              + GoFormat.formatDuration(limits.maxDuration().toNanos())
              + ". received start="
              + start
              + " end="
              + end);
    }
    if (limits.maxSpansPerSpanSet() != 0 && spss > limits.maxSpansPerSpanSet()) {
      throw new IllegalArgumentException(
          "spans per span set exceeds " + limits.maxSpansPerSpanSet() + ". received " + spss);
    }

    RootExpr query = parsed != null ? parsed : LegacySearch.query(tags, minMillis, maxMillis);
    return new SearchRequest(
        compile(query),
        new TimeRange(start, end),
        (int) Math.min(limit, Integer.MAX_VALUE),
        (int) Math.min(spss, Integer.MAX_VALUE));
  }

  private static TraceQuery compile(RootExpr query) {
    try {
      return TraceQuery.compile(query);
    } catch (UnsupportedTraceQLException e) {
      // A valid query this server cannot evaluate: refused, never answered with a wrong result.
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** 32-bit seconds as Tempo reads them, kept as the uint32 Tempo stores them in. */
  private static long seconds(QueryParams params, String name) {
    String value = TagParams.get(params, name);
    if (value == null) {
      return 0;
    }
    try {
      return GoParsing.parseInt32(value) & 0xFFFF_FFFFL;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid " + name + ": " + e.getMessage(), e);
    }
  }

  private static long millis(String name, String value) {
    try {
      return GoParsing.toUint32Millis(GoParsing.parseDuration(value));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid " + name + ": " + e.getMessage(), e);
    }
  }

  private static long integer(String name, String value) {
    try {
      return GoParsing.atoi(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid " + name + ": " + e.getMessage(), e);
    }
  }
}
