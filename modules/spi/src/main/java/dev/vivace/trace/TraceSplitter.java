package dev.vivace.trace;

import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Regroups a request's spans by trace, keeping each span under a copy of its own resource and
 * scope, so each trace can be stored, limited and looked up on its own.
 */
public final class TraceSplitter {

  /**
   * Returns the spans of {@code batches} grouped by trace ID, in order of first appearance.
   *
   * @throws IllegalArgumentException if a span's trace ID is not 16 bytes long
   */
  public static Map<TraceId, List<ResourceSpans>> split(List<ResourceSpans> batches) {
    Map<TraceId, List<ResourceSpans>> out = new LinkedHashMap<>();
    if (batches.size() == 1 && batches.get(0).getScopeSpansCount() == 1) {
      List<Span> spans = batches.get(0).getScopeSpans(0).getSpansList();
      if (!spans.isEmpty() && allInOneTrace(spans)) {
        out.put(TraceId.of(spans.get(0).getTraceId()), List.of(batches.get(0)));
        return out;
      }
    }
    for (ResourceSpans rs : batches) {
      // Per trace: the scope groups of this resource, in order.
      Map<TraceId, List<ScopeSpans>> scopesByTrace = new LinkedHashMap<>();
      for (ScopeSpans ss : rs.getScopeSpansList()) {
        Map<TraceId, ScopeSpans.Builder> byTrace = new LinkedHashMap<>();
        for (Span span : ss.getSpansList()) {
          TraceId id = TraceId.of(span.getTraceId());
          byTrace.computeIfAbsent(id, k -> ss.toBuilder().clearSpans()).addSpans(span);
        }
        byTrace.forEach(
            (id, b) -> scopesByTrace.computeIfAbsent(id, k -> new ArrayList<>()).add(b.build()));
      }
      scopesByTrace.forEach(
          (id, scopes) ->
              out.computeIfAbsent(id, k -> new ArrayList<>())
                  .add(rs.toBuilder().clearScopeSpans().addAllScopeSpans(scopes).build()));
    }
    return out;
  }

  private static boolean allInOneTrace(List<Span> spans) {
    var first = spans.get(0).getTraceId();
    for (Span span : spans) {
      if (!span.getTraceId().equals(first)) {
        return false;
      }
    }
    return true;
  }

  private TraceSplitter() {}
}
