package dev.vivace.testing.otlp;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;

/**
 * OTLP trace requests as the pipeline tests send them: spans of one service in one scope, started
 * now and one microsecond long.
 */
public final class OtlpRequests {

  /** Returns the 16 bytes of a trace ID written as 32 hex digits. */
  public static ByteString traceId(String hex) {
    byte[] id = HexFormat.of().parseHex(hex);
    if (id.length != 16) {
      throw new IllegalArgumentException("hex: " + hex + " (expected: 32 hex digits)");
    }
    return ByteString.copyFrom(id);
  }

  /** Returns the trace ID whose high and low 64 bits are {@code high} and {@code low}. */
  public static ByteString traceId(long high, long low) {
    return ByteString.copyFrom(ByteBuffer.allocate(16).putLong(high).putLong(low).array());
  }

  /** Returns the 8 bytes of span ID {@code id}, big-endian. */
  public static ByteString spanId(long id) {
    return ByteString.copyFrom(ByteBuffer.allocate(8).putLong(id).array());
  }

  /** Returns a span of {@code traceId} named {@code name}, started now and 1 µs long. */
  public static Span.Builder span(ByteString traceId, ByteString spanId, String name) {
    long now = System.currentTimeMillis() * 1_000_000L;
    return Span.newBuilder()
        .setTraceId(traceId)
        .setSpanId(spanId)
        .setName(name)
        .setStartTimeUnixNano(now)
        .setEndTimeUnixNano(now + 1_000);
  }

  /** Returns a string attribute. */
  public static KeyValue attribute(String key, String value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setStringValue(value))
        .build();
  }

  /** Returns one request with {@code spans} in one scope of one resource named {@code service}. */
  public static ExportTraceServiceRequest request(String service, List<Span> spans) {
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder()
                .setResource(
                    Resource.newBuilder().addAttributes(attribute("service.name", service)))
                .addScopeSpans(ScopeSpans.newBuilder().addAllSpans(spans)))
        .build();
  }

  private OtlpRequests() {}
}
