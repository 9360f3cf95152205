package dev.vivace.block.vparquet4;

import com.google.protobuf.ByteString;
import dev.vivace.block.BlockTrace;
import dev.vivace.block.DedicatedColumn;
import dev.vivace.trace.TraceId;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A deterministic data set for search tests: several services, names, statuses, kinds, attributes
 * of each type, events, links and dedicated columns. The first {@link #RARE_TRACES} traces (in ID
 * order, so in the first row group) alone have {@code http.method = "TRACE"} and {@code instance =
 * "rare"}.
 */
public final class SearchData {

  /** Span {@code instance} and resource {@code region} have dedicated columns. */
  public static final List<DedicatedColumn> DEDICATED =
      List.of(DedicatedColumn.span("instance"), DedicatedColumn.resource("region"));

  public static final int RARE_TRACES = 4;

  private SearchData() {}

  /**
   * {@code count} traces in ascending ID order, starting at {@code startNanos} one second apart,
   * with about {@code padding} bytes of incompressible attribute per span.
   */
  public static List<BlockTrace> traces(int seed, int count, long startNanos, int padding) {
    Random random = new Random(seed);
    List<BlockTrace> out = new ArrayList<>();
    for (int t = 0; t < count; t++) {
      TraceId id = TraceId.parse(String.format("%08x%024x", seed, t + 1));
      long start = startNanos + t * 1_000_000_000L;
      List<ResourceSpans> batches = new ArrayList<>();
      int services = 1 + random.nextInt(3);
      int spanNo = 1;
      for (int s = 0; s < services; s++) {
        String service = "svc-" + ((t + s) % 5);
        Resource resource =
            Resource.newBuilder()
                .addAttributes(str("service.name", service))
                .addAttributes(str("region", t % 2 == 0 ? "eu" : "us"))
                .addAttributes(str("host.name", "host-" + (t % 7)))
                .addAttributes(i64("process.pid", 100 + t % 3))
                .build();
        ScopeSpans.Builder scope =
            ScopeSpans.newBuilder()
                .setScope(
                    InstrumentationScope.newBuilder()
                        .setName("lib-" + (s % 2))
                        .setVersion("1." + s)
                        .addAttributes(str("scope.attr", "sa-" + s)));
        int spans = 1 + random.nextInt(3);
        for (int k = 0; k < spans; k++, spanNo++) {
          scope.addSpans(span(random, id, t, spanNo, start, padding));
        }
        batches.add(ResourceSpans.newBuilder().setResource(resource).addScopeSpans(scope).build());
      }
      out.add(new BlockTrace(id, batches));
    }
    return out;
  }

  private static Span span(Random random, TraceId id, int t, int no, long traceStart, int padding) {
    boolean rare = t < RARE_TRACES;
    long start = traceStart + no * 1_000_000L;
    long duration = (1 + random.nextInt(100)) * 1_000_000L;
    Span.Builder b =
        Span.newBuilder()
            .setTraceId(id.toByteString())
            .setSpanId(spanId(t, no))
            .setName("op-" + random.nextInt(4))
            .setKind(Span.SpanKind.forNumber(1 + random.nextInt(5)))
            .setStartTimeUnixNano(start)
            .setEndTimeUnixNano(start + duration)
            .setStatus(
                Status.newBuilder()
                    .setCode(Status.StatusCode.forNumber(random.nextInt(3)))
                    .setMessage(random.nextInt(4) == 0 ? "boom" : ""));
    if (no > 1) {
      b.setParentSpanId(spanId(t, 1));
    }
    b.addAttributes(str("http.method", rare ? "TRACE" : random.nextBoolean() ? "GET" : "POST"));
    b.addAttributes(i64("http.status_code", random.nextInt(3) == 0 ? 500 : 200));
    b.addAttributes(str("instance", rare ? "rare" : "i-" + random.nextInt(5)));
    b.addAttributes(i64("attr.int", random.nextInt(100)));
    b.addAttributes(
        KeyValue.newBuilder()
            .setKey("attr.double")
            .setValue(AnyValue.newBuilder().setDoubleValue(random.nextInt(10) / 10.0)));
    b.addAttributes(
        KeyValue.newBuilder()
            .setKey("attr.flag")
            .setValue(AnyValue.newBuilder().setBoolValue(random.nextBoolean())));
    b.addAttributes(str("attr.str", random.nextBoolean() ? "a" : "b" + random.nextInt(3)));
    if (padding > 0) {
      StringBuilder pad = new StringBuilder(padding);
      while (pad.length() < padding) {
        pad.append(Long.toHexString(random.nextLong()));
      }
      b.addAttributes(str("padding", pad.toString()));
    }
    if (random.nextInt(4) == 0) {
      b.addEvents(
          Span.Event.newBuilder()
              .setName("exception")
              .setTimeUnixNano(start + 10)
              .addAttributes(str("exception.type", random.nextBoolean() ? "IOError" : "Timeout")));
    }
    if (random.nextInt(5) == 0) {
      b.addLinks(
          Span.Link.newBuilder()
              .setTraceId(id.toByteString())
              .setSpanId(spanId(t, 1))
              .addAttributes(str("link.kind", "follows")));
    }
    return b.build();
  }

  private static ByteString spanId(int t, int no) {
    return ByteString.copyFrom(
        new byte[] {1, 0, 0, (byte) (t >> 16), (byte) (t >> 8), (byte) t, 0, (byte) no});
  }

  static KeyValue str(String key, String value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setStringValue(value))
        .build();
  }

  static KeyValue i64(String key, long value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setIntValue(value))
        .build();
  }
}
