package dev.vivace.block.vparquet4;

import java.util.List;
import org.apache.parquet.io.api.Binary;

/** Emits the {@code rs} part of a {@link TraceRow} in schema order. */
final class RowEncoder {

  static void resourceSpans(RecordEmitter emit, TraceRow.ResourceRow r) {
    emit.group(
        "Resource",
        () -> {
          attrs(emit, r.attrs);
          emit.int32("DroppedAttributesCount", r.droppedAttributesCount);
          emit.string("ServiceName", r.serviceName);
          for (int i = 0; i < r.wellKnown.length; i++) {
            emit.optString(WellKnown.RESOURCE_COLUMNS.get(i), r.wellKnown[i]);
          }
          dedicated(emit, r.dedicated);
        });
    emit.list("ss", r.scopes, s -> scopeSpans(emit, s));
  }

  private static void scopeSpans(RecordEmitter emit, TraceRow.ScopeRow s) {
    emit.group(
        "Scope",
        () -> {
          emit.string("Name", s.name);
          emit.string("Version", s.version);
          attrs(emit, s.attrs);
          emit.int32("DroppedAttributesCount", s.droppedAttributesCount);
        });
    emit.list("Spans", s.spans, span -> span(emit, span));
  }

  private static void span(RecordEmitter emit, TraceRow.SpanRow s) {
    emit.binary("SpanID", s.spanId);
    emit.binary("ParentSpanID", s.parentSpanId);
    emit.int32("ParentID", s.parentId);
    emit.int32("NestedSetLeft", s.nestedSetLeft);
    emit.int32("NestedSetRight", s.nestedSetRight);
    emit.string("Name", s.name);
    emit.int64("Kind", s.kind);
    emit.string("TraceState", s.traceState);
    emit.int64("StartTimeUnixNano", s.startTimeUnixNano);
    emit.int64("DurationNano", s.durationNano);
    emit.int64("StatusCode", s.statusCode);
    emit.string("StatusMessage", s.statusMessage);
    attrs(emit, s.attrs);
    emit.int32("DroppedAttributesCount", s.droppedAttributesCount);
    emit.list(
        "Events",
        s.events,
        e -> {
          emit.int64("TimeSinceStartNano", e.timeSinceStartNano);
          emit.string("Name", e.name);
          attrs(emit, e.attrs);
          emit.int32("DroppedAttributesCount", e.droppedAttributesCount);
        });
    emit.int32("DroppedEventsCount", s.droppedEventsCount);
    emit.list(
        "Links",
        s.links,
        l -> {
          emit.binary("TraceID", l.traceId);
          emit.binary("SpanID", l.spanId);
          emit.string("TraceState", l.traceState);
          attrs(emit, l.attrs);
          emit.int32("DroppedAttributesCount", l.droppedAttributesCount);
        });
    emit.int32("DroppedLinksCount", s.droppedLinksCount);
    emit.optString("HttpMethod", s.httpMethod);
    emit.optString("HttpUrl", s.httpUrl);
    if (s.httpStatusCode != null) {
      emit.int64("HttpStatusCode", s.httpStatusCode);
    }
    dedicated(emit, s.dedicated);
  }

  private static void dedicated(RecordEmitter emit, String[] values) {
    emit.group(
        "DedicatedAttributes",
        () -> {
          for (int i = 0; i < values.length; i++) {
            emit.optString(DedicatedColumnMapping.columnName(i), values[i]);
          }
        });
  }

  private static void attrs(RecordEmitter emit, List<Attr> attrs) {
    emit.list(
        "Attrs",
        attrs,
        a -> {
          emit.string("Key", a.key());
          emit.bool("IsArray", a.isArray());
          emit.list("Value", a.strings(), v -> emit.consumer().addBinary(Binary.fromString(v)));
          emit.list("ValueInt", a.ints(), v -> emit.consumer().addLong(v));
          emit.list("ValueDouble", a.doubles(), v -> emit.consumer().addDouble(v));
          emit.list("ValueBool", a.bools(), v -> emit.consumer().addBoolean(v));
          emit.optString("ValueUnsupported", a.unsupported());
        });
  }

  private RowEncoder() {}
}
