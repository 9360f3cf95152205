package dev.vivace.interop.tempo;

import com.google.protobuf.ByteString;
import dev.vivace.trace.TraceId;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A trace reduced to what survives a block round trip, up to the normalisations listed in
 * block-parquet's README: one entry per span (so re-batching does not matter) holding its resource
 * and scope; resource, scope and span attributes sorted by key (well-known and dedicated columns
 * move attributes); a resource {@code service.name} of {@code ""} dropped; schema URLs dropped;
 * unset values, resources, scopes and statuses as empty ones; the row's 16-byte trace ID on every
 * span.
 */
final class Normalized {

  private static final Comparator<KeyValue> BY_KEY = Comparator.comparing(KeyValue::getKey);

  /** Returns span key (span ID hex and kind) → normalised span with its resource and scope. */
  static Map<String, ResourceSpans> of(TraceId traceId, List<ResourceSpans> batches) {
    Map<String, ResourceSpans> out = new TreeMap<>();
    for (ResourceSpans rs : batches) {
      Resource.Builder resource = rs.getResource().toBuilder().clearAttributes();
      for (KeyValue kv : sorted(rs.getResource().getAttributesList())) {
        boolean emptyService =
            kv.getKey().equals("service.name")
                && kv.getValue().hasStringValue()
                && kv.getValue().getStringValue().isEmpty();
        if (!emptyService) {
          resource.addAttributes(kv);
        }
      }
      for (ScopeSpans ss : rs.getScopeSpansList()) {
        InstrumentationScope scope =
            ss.getScope().toBuilder()
                .clearAttributes()
                .addAllAttributes(sorted(ss.getScope().getAttributesList()))
                .build();
        for (Span span : ss.getSpansList()) {
          Span.Builder b =
              span.toBuilder()
                  .setTraceId(traceId.toByteString())
                  .clearAttributes()
                  .addAllAttributes(sorted(span.getAttributesList()))
                  .setStatus(span.getStatus());
          b.getEventsBuilderList()
              .forEach(
                  e -> {
                    List<KeyValue> attrs = withValues(e.getAttributesList());
                    e.clearAttributes().addAllAttributes(attrs);
                  });
          b.getLinksBuilderList()
              .forEach(
                  l -> {
                    List<KeyValue> attrs = withValues(l.getAttributesList());
                    l.clearAttributes().addAllAttributes(attrs);
                  });
          String key = hex(span.getSpanId()) + " kind " + span.getKindValue();
          ResourceSpans previous =
              out.put(
                  key,
                  ResourceSpans.newBuilder()
                      .setResource(resource)
                      .addScopeSpans(ScopeSpans.newBuilder().setScope(scope).addSpans(b))
                      .build());
          if (previous != null) {
            throw new IllegalArgumentException("span " + key + " twice in trace " + traceId);
          }
        }
      }
    }
    return out;
  }

  private static List<KeyValue> sorted(List<KeyValue> attrs) {
    List<KeyValue> out = withValues(attrs);
    out.sort(BY_KEY);
    return out;
  }

  private static List<KeyValue> withValues(List<KeyValue> attrs) {
    List<KeyValue> out = new ArrayList<>();
    for (KeyValue kv : attrs) {
      out.add(kv.hasValue() ? kv : kv.toBuilder().setValue(AnyValue.getDefaultInstance()).build());
    }
    return out;
  }

  private static String hex(ByteString bytes) {
    return TraceId.hex(bytes.toByteArray());
  }

  private Normalized() {}
}
