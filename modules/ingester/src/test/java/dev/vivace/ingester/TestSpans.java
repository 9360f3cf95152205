package dev.vivace.ingester;

import com.google.protobuf.ByteString;
import dev.vivace.trace.TraceId;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.List;

/** Spans and requests for the ingester's tests: trace and span IDs are small numbers. */
final class TestSpans {

  static Span span(int trace, int id, String name) {
    return span(trace, id, Span.SpanKind.SPAN_KIND_UNSPECIFIED, name);
  }

  static Span span(int trace, int id, Span.SpanKind kind, String name) {
    byte[] t = new byte[16];
    t[14] = (byte) (trace >> 8);
    t[15] = (byte) trace;
    byte[] s = new byte[8];
    s[6] = (byte) (id >> 8);
    s[7] = (byte) id;
    return Span.newBuilder()
        .setTraceId(ByteString.copyFrom(t))
        .setSpanId(ByteString.copyFrom(s))
        .setKind(kind)
        .setName(name)
        .build();
  }

  /** One request of one service holding {@code spans}. */
  static List<ResourceSpans> batch(Span... spans) {
    return List.of(
        ResourceSpans.newBuilder()
            .setResource(
                Resource.newBuilder()
                    .addAttributes(
                        KeyValue.newBuilder()
                            .setKey("service.name")
                            .setValue(AnyValue.newBuilder().setStringValue("svc"))))
            .addScopeSpans(ScopeSpans.newBuilder().addAllSpans(List.of(spans)))
            .build());
  }

  static TraceId trace(int n) {
    return TraceId.parse(Integer.toHexString(n));
  }

  private TestSpans() {}
}
