package dev.vivace.block.vparquet4;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.List;

/** Terse OTLP builders for tests. */
final class Otlp {

  static ByteString id8(int n) {
    return ByteString.copyFrom(new byte[] {0, 0, 0, 0, 0, 0, 0, (byte) n});
  }

  static KeyValue str(String key, String value) {
    return kv(key, AnyValue.newBuilder().setStringValue(value).build());
  }

  static KeyValue i64(String key, long value) {
    return kv(key, AnyValue.newBuilder().setIntValue(value).build());
  }

  static KeyValue kv(String key, AnyValue value) {
    return KeyValue.newBuilder().setKey(key).setValue(value).build();
  }

  static AnyValue array(AnyValue... values) {
    return AnyValue.newBuilder()
        .setArrayValue(ArrayValue.newBuilder().addAllValues(List.of(values)))
        .build();
  }

  static AnyValue kvlist(KeyValue... values) {
    return AnyValue.newBuilder()
        .setKvlistValue(KeyValueList.newBuilder().addAllValues(List.of(values)))
        .build();
  }

  static AnyValue s(String v) {
    return AnyValue.newBuilder().setStringValue(v).build();
  }

  static AnyValue b(boolean v) {
    return AnyValue.newBuilder().setBoolValue(v).build();
  }

  static AnyValue i(long v) {
    return AnyValue.newBuilder().setIntValue(v).build();
  }

  static Span span(int id, int parent, String name, Span.SpanKind kind) {
    Span.Builder b = Span.newBuilder().setSpanId(id8(id)).setName(name).setKind(kind);
    if (parent != 0) {
      b.setParentSpanId(id8(parent));
    }
    return b.build();
  }

  static ResourceSpans resourceSpans(String service, Span... spans) {
    return ResourceSpans.newBuilder()
        .setResource(Resource.newBuilder().addAttributes(str("service.name", service)))
        .addScopeSpans(ScopeSpans.newBuilder().addAllSpans(List.of(spans)))
        .build();
  }

  private Otlp() {}
}
