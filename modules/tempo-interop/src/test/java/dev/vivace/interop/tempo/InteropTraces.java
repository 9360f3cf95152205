package dev.vivace.interop.tempo;

import com.google.protobuf.ByteString;
import dev.vivace.block.BlockTrace;
import dev.vivace.trace.TraceId;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

/**
 * Deterministic, varied traces: several resources and scopes, every attribute value type (arrays,
 * kvlists, bytes, mixed arrays, unset values), well-known and dedicated attributes with matching
 * and non-matching types, events, links (with {@code child_of}), status, dropped counts, trace
 * state, unicode, 8-byte trace IDs, shared client/server span IDs, several roots and none.
 */
final class InteropTraces {

  private static final long BASE_NANOS = 1_767_225_600_123_456_789L; // 2026-01-01T00:00:00.123Z

  private static final String[] SERVICES = {"checkout", "frontend", "sérvice-ü", "服务-β", ""};

  private final Random random;

  InteropTraces(long seed) {
    this.random = new Random(seed);
  }

  /** Returns {@code count} traces sorted by ID, as the block writer wants them. */
  List<BlockTrace> generate(int count) {
    TreeMap<TraceId, List<ResourceSpans>> traces = new TreeMap<>();
    for (int i = 0; i < count; i++) {
      byte[] id = new byte[i % 7 == 3 ? 8 : 16];
      random.nextBytes(id);
      if (i == 0) {
        id[0] = (byte) 0xff; // above every signed-byte order
      }
      ByteString spanTraceId = ByteString.copyFrom(id);
      byte[] padded = new byte[16];
      System.arraycopy(id, 0, padded, 16 - id.length, id.length);
      traces.put(TraceId.of(padded), trace(i, spanTraceId));
    }
    List<BlockTrace> out = new ArrayList<>();
    traces.forEach((id, batches) -> out.add(new BlockTrace(id, batches)));
    return out;
  }

  private List<ResourceSpans> trace(int n, ByteString traceId) {
    long start = BASE_NANOS + n * 1_000_000_007L;
    SpanIds ids = new SpanIds(random);
    List<ResourceSpans> batches = new ArrayList<>();
    int resources = 1 + n % 3;
    ByteString rootId = ids.next();
    for (int r = 0; r < resources; r++) {
      ResourceSpans.Builder rs = ResourceSpans.newBuilder().setSchemaUrl("https://schema/" + r);
      if (!(n % 11 == 5 && r == 0)) { // sometimes no Resource at all
        rs.setResource(resource(n, r));
      }
      for (int s = 0; s < 1 + (n + r) % 2; s++) {
        ScopeSpans.Builder ss = ScopeSpans.newBuilder();
        if ((n + s) % 5 != 4) { // sometimes no scope
          ss.setScope(scope(s));
        }
        for (int k = 0; k < 1 + (n + r + s) % 3; k++) {
          boolean root = r == 0 && s == 0 && k == 0 && n % 13 != 7; // n%13==7: no root span
          ss.addSpans(
              span(
                  n,
                  traceId,
                  root ? rootId : ids.next(),
                  root ? ByteString.EMPTY : rootId,
                  start,
                  k));
        }
        rs.addScopeSpans(ss);
      }
      batches.add(rs.build());
    }
    if (n % 4 == 1) { // an equal resource again: re-batched into the first
      batches.add(
          batches.get(0).toBuilder()
              .clearScopeSpans()
              .addScopeSpans(
                  ScopeSpans.newBuilder()
                      .setScope(scope(0))
                      .addSpans(span(n, traceId, ids.next(), rootId, start, 9)))
              .build());
    }
    if (n % 6 == 2) { // Zipkin-style shared span ID: client and server halves
      ByteString shared = ids.next();
      batches.add(
          ResourceSpans.newBuilder()
              .setResource(Resource.newBuilder().addAttributes(str("service.name", "zipkin")))
              .addScopeSpans(
                  ScopeSpans.newBuilder()
                      .addSpans(
                          span(n, traceId, shared, rootId, start, 3).toBuilder()
                              .setKind(Span.SpanKind.SPAN_KIND_CLIENT))
                      .addSpans(
                          span(n, traceId, shared, shared, start, 4).toBuilder()
                              .setKind(Span.SpanKind.SPAN_KIND_SERVER)))
              .build());
    }
    if (n % 9 == 8) { // a second root
      batches.add(
          ResourceSpans.newBuilder()
              .setResource(Resource.newBuilder().addAttributes(str("service.name", "second-root")))
              .addScopeSpans(
                  ScopeSpans.newBuilder()
                      .addSpans(span(n, traceId, ids.next(), ByteString.EMPTY, start, 5)))
              .build());
    }
    return batches;
  }

  private Resource resource(int n, int r) {
    Resource.Builder b = Resource.newBuilder();
    b.addAttributes(str("service.name", SERVICES[(n + r) % SERVICES.length]));
    b.addAttributes(str("zone", "zone-" + r));
    b.addAttributes(kv("host.cpus", AnyValue.newBuilder().setIntValue(4 + r).build()));
    switch ((n + r) % 4) {
      case 0 ->
          b.addAttributes(str("cluster", "prod-ü"))
              .addAttributes(str("k8s.pod.name", "pod-" + n))
              .addAttributes(str("ip", "10.0.0." + r));
      case 1 ->
          b.addAttributes(
                  kv(
                      "cluster",
                      AnyValue.newBuilder().setIntValue(7).build())) // non-string: generic
              .addAttributes(str("namespace", "ns"))
              .addAttributes(str("pod", "p"))
              .addAttributes(str("container", "c"))
              .addAttributes(
                  kv(
                      "ip",
                      AnyValue.newBuilder().setBoolValue(true).build())); // non-string: generic
      case 2 ->
          b.addAttributes(str("k8s.cluster.name", "kc"))
              .addAttributes(str("k8s.namespace.name", "kn"))
              .addAttributes(str("k8s.container.name", "kcn"));
      default ->
          b.addAttributes(kv("arr", array(s("a"), s("ü"))))
              .addAttributes(kv("kv", kvlist(str("k", "v"))));
    }
    return b.setDroppedAttributesCount(n % 3).build();
  }

  private static InstrumentationScope scope(int s) {
    InstrumentationScope.Builder b =
        InstrumentationScope.newBuilder().setName("lib-" + s).setVersion("1." + s);
    if (s == 1) {
      b.addAttributes(str("scope.z", "z"))
          .addAttributes(kv("scope.a", array(i(1), i(2))))
          .setDroppedAttributesCount(2);
    }
    return b.build();
  }

  private Span span(
      int n, ByteString traceId, ByteString id, ByteString parent, long traceStart, int k) {
    long start = traceStart + k * 1_000L + random.nextInt(1000);
    Span.Builder b =
        Span.newBuilder()
            .setTraceId(traceId)
            .setSpanId(id)
            .setParentSpanId(parent)
            .setName(k == 0 ? "GET /api/ünïcode/" + n : "op-" + k + "-✓")
            .setKind(Span.SpanKind.forNumber((n + k) % 6))
            .setStartTimeUnixNano(start)
            .setEndTimeUnixNano(start + 1_000_000L + random.nextInt(1_000_000));
    if ((n + k) % 3 == 0) {
      b.setTraceState("vendor=t" + k + ",other=ü");
    }
    if ((n + k) % 4 != 3) {
      b.setStatus(
          Status.newBuilder()
              .setCode(Status.StatusCode.forNumber((n + k) % 3))
              .setMessage((n + k) % 3 == 2 ? "boom — ошибка" : ""));
    }
    b.setDroppedAttributesCount(k % 2)
        .setDroppedEventsCount(k % 3)
        .setDroppedLinksCount((n + k) % 2);
    addSpanAttributes(b, n, k);
    for (int e = 0; e < (n + k) % 3; e++) {
      b.addEvents(
          Span.Event.newBuilder()
              .setTimeUnixNano(start + 10 + e)
              .setName(e == 0 ? "exception" : "évent-" + e)
              .addAttributes(str("exception.message", "msg " + e))
              .addAttributes(kv("e.double", AnyValue.newBuilder().setDoubleValue(e + 0.25).build()))
              .addAttributes(
                  kv(
                      "e.bytes",
                      AnyValue.newBuilder()
                          .setBytesValue(ByteString.copyFrom(new byte[] {0, 1, (byte) 0xfe}))
                          .build()))
              .setDroppedAttributesCount(e));
    }
    if ((n + k) % 2 == 1) {
      byte[] other = new byte[16];
      random.nextBytes(other);
      b.addLinks(
          Span.Link.newBuilder()
              .setTraceId(ByteString.copyFrom(other))
              .setSpanId(ByteString.copyFrom(new byte[] {1, 2, 3, 4, 5, 6, 7, (byte) k}))
              .setTraceState("l=1")
              .addAttributes(str("link.kind", "follows_from"))
              .addAttributes(kv("link.arr", array(b(true), b(false))))
              .setDroppedAttributesCount(1));
    }
    if (n % 10 == 6
        && k == 0
        && parent.isEmpty()) { // a same-trace child_of link: not the root span
      b.addLinks(
          Span.Link.newBuilder()
              .setTraceId(traceId)
              .setSpanId(id)
              .addAttributes(str("opentracing.ref_type", "child_of")));
    }
    return b.build();
  }

  private void addSpanAttributes(Span.Builder b, int n, int k) {
    b.addAttributes(str("http.method", k % 2 == 0 ? "GET" : "PÖST"));
    if ((n + k) % 2 == 0) {
      b.addAttributes(str("http.url", "https://example.com/ü?q=" + n));
      b.addAttributes(kv("http.status_code", AnyValue.newBuilder().setIntValue(200 + k).build()));
      b.addAttributes(str("instance", "i-" + k)); // dedicated span column
      b.addAttributes(str("http.route", "/api/{id}")); // dedicated span column
    } else {
      b.addAttributes(
          kv("http.url", AnyValue.newBuilder().setIntValue(5).build())); // wrong type: generic
      b.addAttributes(str("http.status_code", "404")); // wrong type: generic
      b.addAttributes(
          kv("instance", AnyValue.newBuilder().setIntValue(3).build())); // wrong type: generic
    }
    b.addAttributes(str("str", "ünïcødé ✓ " + random.nextInt(100)));
    b.addAttributes(kv("int", AnyValue.newBuilder().setIntValue(random.nextLong()).build()));
    b.addAttributes(
        kv("double", AnyValue.newBuilder().setDoubleValue(random.nextDouble() * 1e6).build()));
    b.addAttributes(kv("bool", b(random.nextBoolean())));
    b.addAttributes(
        kv(
            "bytes",
            AnyValue.newBuilder().setBytesValue(ByteString.copyFromUtf8("raw-" + n)).build()));
    b.addAttributes(kv("arr.str", array(s("x"), s("ÿ"))));
    b.addAttributes(kv("arr.int", array(i(-1), i(Long.MAX_VALUE))));
    b.addAttributes(kv("arr.double", array(d(1.5), d(-0.0))));
    b.addAttributes(kv("arr.bool", array(b(true))));
    b.addAttributes(
        kv(
            "arr.empty",
            AnyValue.newBuilder().setArrayValue(ArrayValue.getDefaultInstance()).build()));
    b.addAttributes(kv("arr.mixed", array(s("x"), i(1))));
    b.addAttributes(kv("arr.nested", array(array(i(1)), kvlist(str("a", "b")))));
    b.addAttributes(kv("kvlist", kvlist(str("k1", "v1"), kv("k2", array(i(2))))));
    b.addAttributes(kv("unset", AnyValue.getDefaultInstance()));
  }

  private static KeyValue str(String key, String value) {
    return kv(key, s(value));
  }

  private static KeyValue kv(String key, AnyValue value) {
    return KeyValue.newBuilder().setKey(key).setValue(value).build();
  }

  private static AnyValue s(String v) {
    return AnyValue.newBuilder().setStringValue(v).build();
  }

  private static AnyValue i(long v) {
    return AnyValue.newBuilder().setIntValue(v).build();
  }

  private static AnyValue d(double v) {
    return AnyValue.newBuilder().setDoubleValue(v).build();
  }

  private static AnyValue b(boolean v) {
    return AnyValue.newBuilder().setBoolValue(v).build();
  }

  private static AnyValue array(AnyValue... values) {
    return AnyValue.newBuilder()
        .setArrayValue(ArrayValue.newBuilder().addAllValues(List.of(values)))
        .build();
  }

  private static AnyValue kvlist(KeyValue... values) {
    return AnyValue.newBuilder()
        .setKvlistValue(KeyValueList.newBuilder().addAllValues(List.of(values)))
        .build();
  }

  /** Unique random 8-byte span IDs within one trace. */
  private static final class SpanIds {
    private final Random random;

    SpanIds(Random random) {
      this.random = random;
    }

    ByteString next() {
      byte[] id = new byte[8];
      random.nextBytes(id);
      return ByteString.copyFrom(id);
    }
  }
}
