package dev.vivace.search;

import dev.vivace.trace.TraceId;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The spans of one OTLP trace linked to their parents, with the trace's times and root. */
final class ProtoTrace {

  private final TraceId traceId;
  private final List<ProtoSpanView> spans = new ArrayList<>();
  private long startNanos = Long.MAX_VALUE;
  private long endNanos = Long.MIN_VALUE;
  private @Nullable ProtoSpanView root;

  ProtoTrace(TraceId traceId, List<ResourceSpans> batches) {
    this.traceId = traceId;
    for (ResourceSpans rs : batches) {
      for (ScopeSpans ss : rs.getScopeSpansList()) {
        for (Span span : ss.getSpansList()) {
          ProtoSpanView view = new ProtoSpanView(this, rs.getResource(), ss.getScope(), span);
          spans.add(view);
          startNanos = Math.min(startNanos, span.getStartTimeUnixNano());
          endNanos = Math.max(endNanos, span.getEndTimeUnixNano());
          if (root == null && view.parentId == null) {
            root = view;
          }
        }
      }
    }
    if (spans.isEmpty()) {
      startNanos = 0;
      endNanos = 0;
    }
    Map<String, ProtoSpanView> byId = new HashMap<>(spans.size() * 2);
    for (ProtoSpanView view : spans) {
      byId.putIfAbsent(view.spanId, view);
    }
    for (ProtoSpanView view : spans) {
      if (view.parentId != null) {
        ProtoSpanView parent = byId.get(view.parentId);
        if (parent != null && parent != view) {
          view.parent = parent;
          parent.childCount++;
        }
      }
    }
  }

  TraceId traceId() {
    return traceId;
  }

  List<ProtoSpanView> spans() {
    return spans;
  }

  long startNanos() {
    return startNanos;
  }

  long endNanos() {
    return endNanos;
  }

  @Nullable ProtoSpanView root() {
    return root;
  }
}
