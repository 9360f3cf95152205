package dev.vivace.block.vparquet4;

import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.List;

/** Comparison of traces up to re-batching: which spans exist under which resource and scope. */
final class RoundTrip {

  /** Returns one text per span: its resource, its scope and the span, sorted. */
  static List<String> flatten(List<ResourceSpans> batches) {
    List<String> out = new ArrayList<>();
    for (ResourceSpans rs : batches) {
      for (ScopeSpans ss : rs.getScopeSpansList()) {
        for (Span span : ss.getSpansList()) {
          out.add(rs.getResource() + "|" + ss.getScope() + "|" + ss.getSchemaUrl() + "|" + span);
        }
      }
    }
    out.sort(null);
    return out;
  }

  private RoundTrip() {}
}
