package dev.vivace.server;

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

/** OTLP requests for pipeline tests. */
final class PipelineTraffic {

  /** One request holding {@code spans} spans of trace {@code traceHex}. */
  static ExportTraceServiceRequest request(String traceHex, int spans) {
    ByteString traceId = ByteString.copyFrom(HexFormat.of().parseHex(traceHex));
    ScopeSpans.Builder scope = ScopeSpans.newBuilder();
    long now = System.currentTimeMillis() * 1_000_000L;
    for (int i = 0; i < spans; i++) {
      scope.addSpans(
          Span.newBuilder()
              .setTraceId(traceId)
              .setSpanId(
                  ByteString.copyFrom(
                      ByteBuffer.allocate(8).putInt(traceHex.hashCode()).putInt(i + 1).array()))
              .setName("span-" + i)
              .setStartTimeUnixNano(now)
              .setEndTimeUnixNano(now + 1000));
    }
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder()
                .setResource(
                    Resource.newBuilder()
                        .addAttributes(
                            KeyValue.newBuilder()
                                .setKey("service.name")
                                .setValue(AnyValue.newBuilder().setStringValue("pipeline"))))
                .addScopeSpans(scope))
        .build();
  }

  private PipelineTraffic() {}
}
