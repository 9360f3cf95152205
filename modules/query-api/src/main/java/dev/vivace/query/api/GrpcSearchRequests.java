package dev.vivace.query.api;

import com.linecorp.armeria.common.QueryParams;
import com.linecorp.armeria.common.QueryParamsBuilder;
import dev.vivace.search.SearchRequest;
import java.util.Map;

/**
 * Turns the {@code tempopb.SearchRequest} of a streaming search into a search as Tempo does: its
 * gRPC handler writes the request as {@code /api/search} parameters (a field left at zero or empty
 * is not written) and parses those, so defaults, limits, legacy tags and error messages are the
 * HTTP route's.
 */
final class GrpcSearchRequests {

  /**
   * Validates {@code request} against {@code limits} and compiles its query.
   *
   * @throws IllegalArgumentException with Tempo's message for a bad parameter or invalid TraceQL
   * @throws UnsupportedOperationException for a TraceQL construct that is not evaluated
   */
  static SearchRequest toSearch(dev.vivace.tempopb.SearchRequest request, SearchLimits limits) {
    return SearchParams.parse(toParams(request), limits);
  }

  /** The {@code /api/search} parameters Tempo writes for {@code request}. */
  static QueryParams toParams(dev.vivace.tempopb.SearchRequest request) {
    QueryParamsBuilder params = QueryParams.builder();
    if (!request.getQuery().isEmpty()) {
      params.add("q", request.getQuery());
    }
    if (request.getTagsCount() > 0) {
      params.add("tags", logfmt(request.getTagsMap()));
    }
    addUnsigned(params, "minDuration", request.getMinDurationMs(), "ms");
    addUnsigned(params, "maxDuration", request.getMaxDurationMs(), "ms");
    addUnsigned(params, "limit", request.getLimit(), "");
    addUnsigned(params, "start", request.getStart(), "");
    addUnsigned(params, "end", request.getEnd(), "");
    addUnsigned(params, "spss", request.getSpansPerSpanSet(), "");
    return params.build();
  }

  private static void addUnsigned(QueryParamsBuilder params, String name, int value, String unit) {
    if (value != 0) {
      params.add(name, Integer.toUnsignedString(value) + unit);
    }
  }

  /** The tags as logfmt, every value quoted. */
  private static String logfmt(Map<String, String> tags) {
    StringBuilder out = new StringBuilder();
    tags.forEach(
        (key, value) -> {
          if (out.length() > 0) {
            out.append(' ');
          }
          out.append(key).append("=\"");
          for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
              case '"', '\\' -> out.append('\\').append(c);
              case '\n' -> out.append("\\n");
              case '\r' -> out.append("\\r");
              case '\t' -> out.append("\\t");
              default -> out.append(c);
            }
          }
          out.append('"');
        });
    return out.toString();
  }

  private GrpcSearchRequests() {}
}
