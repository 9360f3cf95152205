package dev.vivace.load;

import static dev.vivace.load.Vocabulary.kv;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates realistic traces deterministically: trace {@code i} of seed {@code s} is always the
 * same, so the checker regenerates what it sent instead of remembering it (as Tempo's vulture
 * does).
 *
 * <p>Shape: a root span in {@code frontend}, then spans whose parent is any earlier span, in the
 * parent's service or a downstream one; 5–15 attributes each (HTTP semantic conventions on server
 * and client spans), events on about a fifth of the spans, links on one in twenty, errors with an
 * exception event on about 3 %. Traces have 1–200 spans (mean about 35); a fraction {@code
 * largeTraceRatio} of them has 1,000–3,000.
 */
final class TraceGenerator {

  /** Nanoseconds between the start times of consecutive traces of a run. */
  static final long TRACE_SPACING_NANOS = 10_000;

  private static final Span.SpanKind[] INNER_KINDS = {
    Span.SpanKind.SPAN_KIND_INTERNAL, Span.SpanKind.SPAN_KIND_INTERNAL,
    Span.SpanKind.SPAN_KIND_CLIENT, Span.SpanKind.SPAN_KIND_CLIENT,
    Span.SpanKind.SPAN_KIND_PRODUCER, Span.SpanKind.SPAN_KIND_CONSUMER
  };

  private final long seed;
  private final long baseEpochNanos;
  private final double largeTraceRatio;
  private final Resource[] resources;
  private final InstrumentationScope[] scopes;
  private final KeyValue[][] routes;

  TraceGenerator(long seed, long baseEpochNanos, double largeTraceRatio) {
    if (!(largeTraceRatio >= 0 && largeTraceRatio <= 1)) {
      throw new IllegalArgumentException(
          "largeTraceRatio: " + largeTraceRatio + " (expected: in [0, 1])");
    }
    this.seed = seed;
    this.baseEpochNanos = baseEpochNanos;
    this.largeTraceRatio = largeTraceRatio;
    int n = Vocabulary.SERVICES.size();
    resources = new Resource[n];
    scopes = new InstrumentationScope[n];
    routes = new KeyValue[n][];
    for (int i = 0; i < n; i++) {
      Vocabulary.Service s = Vocabulary.SERVICES.get(i);
      resources[i] =
          Resource.newBuilder()
              .addAttributes(kv("service.name", s.name()))
              .addAttributes(kv("service.version", "1.4." + i))
              .addAttributes(kv("service.namespace", "shop"))
              .addAttributes(kv("telemetry.sdk.name", "opentelemetry"))
              .addAttributes(kv("telemetry.sdk.language", s.language()))
              .addAttributes(kv("host.name", s.name() + "-7d9f8b6c4-x2k4p"))
              .addAttributes(kv("k8s.namespace.name", "shop"))
              .addAttributes(kv("k8s.pod.name", s.name() + "-7d9f8b6c4-x2k4p"))
              .addAttributes(kv("deployment.environment", "bench"))
              .build();
      scopes[i] =
          InstrumentationScope.newBuilder()
              .setName("io.opentelemetry." + s.language())
              .setVersion("1.37.0")
              .build();
      routes[i] = s.routes().stream().map(r -> kv("http.route", r)).toArray(KeyValue[]::new);
    }
  }

  long seed() {
    return seed;
  }

  long baseEpochNanos() {
    return baseEpochNanos;
  }

  /** Returns trace {@code index} of this generator's seed. */
  GeneratedTrace generate(long index) {
    SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
    byte[] traceId =
        ByteBuffer.allocate(16).putLong(r.nextLong() | 1).putLong(r.nextLong()).array();
    ByteString tid = ByteString.copyFrom(traceId);
    int count = spanCount(r);
    long start = baseEpochNanos + index * TRACE_SPACING_NANOS;
    int services = Vocabulary.SERVICES.size();
    List<List<Span>> byService = new ArrayList<>(services);
    for (int i = 0; i < services; i++) {
      byService.add(new ArrayList<>());
    }
    long[] spanIds = new long[count];
    long[] starts = new long[count];
    int[] serviceOf = new int[count];
    for (int i = 0; i < count; i++) {
      spanIds[i] = r.nextLong() | 1;
      int parent = i == 0 ? -1 : r.nextInt(i);
      int service;
      Span.SpanKind kind;
      if (parent < 0) {
        service = 0;
        kind = Span.SpanKind.SPAN_KIND_SERVER;
        starts[i] = start;
      } else if (r.nextInt(2) == 0) {
        service = serviceOf[parent];
        kind = INNER_KINDS[r.nextInt(INNER_KINDS.length)];
        starts[i] = starts[parent] + 1_000 + r.nextInt(2_000_000);
      } else {
        service = 1 + r.nextInt(services - 1);
        kind = Span.SpanKind.SPAN_KIND_SERVER;
        starts[i] = starts[parent] + 1_000 + r.nextInt(2_000_000);
      }
      serviceOf[i] = service;
      Span.Builder span =
          Span.newBuilder()
              .setTraceId(tid)
              .setSpanId(id(spanIds[i]))
              .setKind(kind)
              .setStartTimeUnixNano(starts[i])
              .setEndTimeUnixNano(starts[i] + 5_000 + r.nextInt(50_000_000));
      if (parent >= 0) {
        span.setParentSpanId(id(spanIds[parent]));
      }
      Vocabulary.Service svc = Vocabulary.SERVICES.get(service);
      span.setName(svc.operations().get(r.nextInt(svc.operations().size())));
      SpanDetails.attributes(r, span, kind, routes[service]);
      SpanDetails.eventsLinksStatus(r, span);
      byService.get(service).add(span.build());
    }
    List<ResourceSpans> batches = new ArrayList<>();
    for (int i = 0; i < services; i++) {
      if (!byService.get(i).isEmpty()) {
        batches.add(
            ResourceSpans.newBuilder()
                .setResource(resources[i])
                .addScopeSpans(
                    ScopeSpans.newBuilder().setScope(scopes[i]).addAllSpans(byService.get(i)))
                .build());
      }
    }
    return new GeneratedTrace(index, ByteString.copyFrom(traceId), batches, count);
  }

  private int spanCount(SplittableRandom r) {
    if (largeTraceRatio > 0 && r.nextDouble() < largeTraceRatio) {
      return 1_000 + r.nextInt(2_001);
    }
    double u = r.nextDouble();
    if (u < 0.6) {
      return 1 + r.nextInt(20);
    }
    if (u < 0.9) {
      return 20 + r.nextInt(61);
    }
    return 80 + r.nextInt(121);
  }

  static ByteString id(long id) {
    return ByteString.copyFrom(ByteBuffer.allocate(8).putLong(id).array());
  }

  static Status errorStatus(String message) {
    return Status.newBuilder()
        .setCode(Status.StatusCode.STATUS_CODE_ERROR)
        .setMessage(message)
        .build();
  }
}
