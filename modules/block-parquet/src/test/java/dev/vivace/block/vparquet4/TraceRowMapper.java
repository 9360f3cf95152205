package dev.vivace.block.vparquet4;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The record-API writer's mapping, kept as the reference for {@link TraceLayout}. Converts one OTLP
 * trace to a row (spec §5.1 to §5.7 and §5.11), then re-batches it and fills the nested-set and
 * service-stats columns (§5.8 to §5.10).
 */
final class TraceRowMapper {

  private final Map<String, Integer> resourceSlots = new HashMap<>();
  private final Map<String, Integer> spanSlots = new HashMap<>();

  TraceRowMapper(DedicatedColumnMapping dedicated) {
    for (int i = 0; i < dedicated.resource().size(); i++) {
      resourceSlots.putIfAbsent(dedicated.resource().get(i), i);
    }
    for (int i = 0; i < dedicated.span().size(); i++) {
      spanSlots.putIfAbsent(dedicated.span().get(i), i);
    }
  }

  TraceRow map(byte[] traceId, List<ResourceSpans> batches) {
    TraceRow row = new TraceRow();
    row.traceId = traceId.clone();
    row.traceIdText = TraceLayout.trimmedHex(traceId);
    Span root = null;
    Resource rootResource = null;
    for (ResourceSpans rs : batches) {
      TraceRow.ResourceRow r = resource(rs.getResource());
      for (ScopeSpans ss : rs.getScopeSpansList()) {
        TraceRow.ScopeRow s = new TraceRow.ScopeRow();
        s.name = ss.getScope().getName();
        s.version = ss.getScope().getVersion();
        s.droppedAttributesCount = ss.getScope().getDroppedAttributesCount();
        ss.getScope().getAttributesList().forEach(kv -> s.attrs.add(AttributeEncoder.encode(kv)));
        for (Span span : ss.getSpansList()) {
          s.spans.add(span(span));
          long start = span.getStartTimeUnixNano();
          if (row.startTimeUnixNano == 0
              || Long.compareUnsigned(start, row.startTimeUnixNano) < 0) {
            row.startTimeUnixNano = start;
          }
          if (Long.compareUnsigned(span.getEndTimeUnixNano(), row.endTimeUnixNano) > 0) {
            row.endTimeUnixNano = span.getEndTimeUnixNano();
          }
          if (TraceLayout.isRoot(span)) {
            root = span;
            rootResource = rs.getResource();
          }
        }
        r.scopes.add(s);
      }
      row.resources.add(r);
    }
    if (root != null && rootResource != null) {
      row.rootSpanName = root.getName();
      row.rootServiceName = TraceLayout.firstServiceName(rootResource);
    }
    Rebatcher.rebatch(row);
    NestedSets.assign(row);
    return row;
  }

  private TraceRow.ResourceRow resource(Resource resource) {
    TraceRow.ResourceRow r = new TraceRow.ResourceRow();
    r.droppedAttributesCount = resource.getDroppedAttributesCount();
    for (KeyValue kv : resource.getAttributesList()) {
      AnyValue v = kv.getValue();
      String key = kv.getKey();
      int wellKnown = WellKnown.RESOURCE_KEYS.indexOf(key);
      if (v.hasStringValue() && key.equals(WellKnown.SERVICE_NAME)) {
        r.serviceName = v.getStringValue();
      } else if (v.hasStringValue() && wellKnown >= 0) {
        r.wellKnown[wellKnown] = v.getStringValue();
      } else if (v.hasStringValue() && resourceSlots.containsKey(key)) {
        r.dedicated[resourceSlots.get(key)] = v.getStringValue();
      } else {
        r.attrs.add(AttributeEncoder.encode(kv));
      }
    }
    return r;
  }

  private TraceRow.SpanRow span(Span span) {
    TraceRow.SpanRow s = new TraceRow.SpanRow();
    s.spanId = span.getSpanId().toByteArray();
    s.parentSpanId = span.getParentSpanId().toByteArray();
    s.name = span.getName();
    s.kind = span.getKindValue();
    s.traceState = span.getTraceState();
    s.startTimeUnixNano = span.getStartTimeUnixNano();
    s.durationNano = span.getEndTimeUnixNano() - span.getStartTimeUnixNano();
    s.statusCode = span.getStatus().getCodeValue();
    s.statusMessage = span.getStatus().getMessage();
    s.droppedAttributesCount = span.getDroppedAttributesCount();
    s.droppedEventsCount = span.getDroppedEventsCount();
    s.droppedLinksCount = span.getDroppedLinksCount();
    for (KeyValue kv : span.getAttributesList()) {
      AnyValue v = kv.getValue();
      String key = kv.getKey();
      if (v.hasStringValue() && key.equals(WellKnown.HTTP_METHOD)) {
        s.httpMethod = v.getStringValue();
      } else if (v.hasStringValue() && key.equals(WellKnown.HTTP_URL)) {
        s.httpUrl = v.getStringValue();
      } else if (v.hasIntValue() && key.equals(WellKnown.HTTP_STATUS_CODE)) {
        s.httpStatusCode = v.getIntValue();
      } else if (v.hasStringValue() && spanSlots.containsKey(key)) {
        s.dedicated[spanSlots.get(key)] = v.getStringValue();
      } else {
        s.attrs.add(AttributeEncoder.encode(kv));
      }
    }
    for (Span.Event e : span.getEventsList()) {
      TraceRow.EventRow er = new TraceRow.EventRow();
      er.timeSinceStartNano = e.getTimeUnixNano() - span.getStartTimeUnixNano();
      er.name = e.getName();
      er.droppedAttributesCount = e.getDroppedAttributesCount();
      e.getAttributesList().forEach(kv -> er.attrs.add(AttributeEncoder.encode(kv)));
      s.events.add(er);
    }
    for (Span.Link l : span.getLinksList()) {
      TraceRow.LinkRow lr = new TraceRow.LinkRow();
      lr.traceId = l.getTraceId().toByteArray();
      lr.spanId = l.getSpanId().toByteArray();
      lr.traceState = l.getTraceState();
      lr.droppedAttributesCount = l.getDroppedAttributesCount();
      l.getAttributesList().forEach(kv -> lr.attrs.add(AttributeEncoder.encode(kv)));
      s.links.add(lr);
    }
    return s;
  }
}
