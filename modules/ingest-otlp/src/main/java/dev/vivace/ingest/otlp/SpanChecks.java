package dev.vivace.ingest.otlp;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;

/** Tempo's distributor checks on span identity. */
final class SpanChecks {

  static int countSpans(ExportTraceServiceRequest request) {
    int n = 0;
    for (ResourceSpans rs : request.getResourceSpansList()) {
      for (ScopeSpans ss : rs.getScopeSpansList()) {
        n += ss.getSpansCount();
      }
    }
    return n;
  }

  /**
   * Checks that every trace ID has 16 bytes and every span ID 8 bytes, not all zero.
   *
   * @throws IllegalArgumentException with Tempo's message for the first offending span
   */
  static void checkIds(ExportTraceServiceRequest request) {
    for (ResourceSpans rs : request.getResourceSpansList()) {
      for (ScopeSpans ss : rs.getScopeSpansList()) {
        for (Span span : ss.getSpansList()) {
          if (span.getTraceId().size() != 16) {
            throw new IllegalArgumentException(
                "trace ids must be 128 bit, received " + span.getTraceId().size() * 8 + " bits");
          }
          ByteString spanId = span.getSpanId();
          if (spanId.size() != 8 || isZero(spanId)) {
            throw new IllegalArgumentException(
                "span ids must be 64 bit and not all zero, received "
                    + spanId.size() * 8
                    + " bits");
          }
        }
      }
    }
  }

  private static boolean isZero(ByteString id) {
    for (int i = 0; i < id.size(); i++) {
      if (id.byteAt(i) != 0) {
        return false;
      }
    }
    return true;
  }

  private SpanChecks() {}
}
