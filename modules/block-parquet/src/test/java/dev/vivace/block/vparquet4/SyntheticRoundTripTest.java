package dev.vivace.block.vparquet4;

import static dev.vivace.block.vparquet4.Otlp.array;
import static dev.vivace.block.vparquet4.Otlp.b;
import static dev.vivace.block.vparquet4.Otlp.i;
import static dev.vivace.block.vparquet4.Otlp.i64;
import static dev.vivace.block.vparquet4.Otlp.id8;
import static dev.vivace.block.vparquet4.Otlp.kv;
import static dev.vivace.block.vparquet4.Otlp.kvlist;
import static dev.vivace.block.vparquet4.Otlp.str;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.vivace.block.BlockMeta;
import dev.vivace.block.BlockTrace;
import dev.vivace.block.DedicatedColumn;
import dev.vivace.storage.local.LocalObjectStore;
import dev.vivace.trace.TraceId;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Everything the fixture lacks (events, links, arrays, kvlists, bytes…) survives a round trip. */
class SyntheticRoundTripTest {

  private static final TraceId ID = TraceId.parse("0af7651916cd43dd8448eb211c80319c");

  @TempDir Path dir;

  private static InstrumentationScope scope() {
    return InstrumentationScope.newBuilder()
        .setName("lib")
        .setVersion("1.0")
        .addAttributes(str("sk", "sv"))
        .setDroppedAttributesCount(1)
        .build();
  }

  private static Span.Builder spanBase() {
    return Span.newBuilder()
        .setTraceId(ID.toByteString())
        .setSpanId(id8(1))
        .setName("GET /x")
        .setKind(Span.SpanKind.SPAN_KIND_SERVER)
        .setTraceState("ts=1")
        .setStartTimeUnixNano(1_000)
        .setEndTimeUnixNano(3_000)
        .setStatus(
            Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).setMessage("boom"))
        .setDroppedAttributesCount(1)
        .setDroppedEventsCount(2)
        .setDroppedLinksCount(3)
        .addEvents(
            Span.Event.newBuilder()
                .setTimeUnixNano(1_500)
                .setName("e")
                .addAttributes(kv("ea", AnyValue.newBuilder().setDoubleValue(1.5).build()))
                .setDroppedAttributesCount(4))
        .addLinks(
            Span.Link.newBuilder()
                .setTraceId(TraceId.parse("ff").toByteString())
                .setSpanId(id8(9))
                .setTraceState("lts")
                .addAttributes(str("la", "x"))
                .setDroppedAttributesCount(5));
  }

  private static final List<KeyValue> GENERIC_SPAN_ATTRS =
      List.of(
          kv("x", array(i(1), i(2))),
          kv("kv", kvlist(str("k", "v"))),
          kv("by", AnyValue.newBuilder().setBytesValue(ByteString.copyFromUtf8("raw")).build()),
          i64("http.url", 5),
          kv("empty", AnyValue.getDefaultInstance()),
          kv("mixed", array(b(true), i(1))));

  @Test
  void roundTripsUpToTempoNormalisations() {
    Span input =
        spanBase()
            .addAttributes(str("http.method", "GET"))
            .addAttributes(GENERIC_SPAN_ATTRS.get(0))
            .addAttributes(GENERIC_SPAN_ATTRS.get(1))
            .addAttributes(str("instance", "i-1"))
            .addAttributes(GENERIC_SPAN_ATTRS.get(2))
            .addAttributes(i64("http.status_code", 500))
            .addAttributes(GENERIC_SPAN_ATTRS.get(3))
            .addAttributes(GENERIC_SPAN_ATTRS.get(4))
            .addAttributes(GENERIC_SPAN_ATTRS.get(5))
            .build();
    ResourceSpans in =
        ResourceSpans.newBuilder()
            .setResource(
                Resource.newBuilder()
                    .addAttributes(str("service.name", "svc"))
                    .addAttributes(str("z", "1"))
                    .addAttributes(kv("cluster", i(3)))
                    .addAttributes(str("ip", "10.0.0.1"))
                    .addAttributes(kv("a", b(true)))
                    .addAttributes(str("k8s.pod.name", "p"))
                    .setDroppedAttributesCount(2))
            .addScopeSpans(ScopeSpans.newBuilder().setScope(scope()).addSpans(input))
            .build();

    LocalObjectStore store = LocalObjectStore.of(dir.resolve("store"));
    BlockMeta meta =
        VParquet4BlockWriter.builder(store)
            .dedicatedColumns(
                List.of(DedicatedColumn.resource("ip"), DedicatedColumn.span("instance")))
            .tempDir(dir)
            .build()
            .write("t", UUID.randomUUID(), List.of(new BlockTrace(ID, List.of(in))));
    List<ResourceSpans> out = VParquet4BlockReader.of(store, meta).find(ID).fragments();

    ResourceSpans expected =
        ResourceSpans.newBuilder()
            .setResource(
                Resource.newBuilder()
                    .addAttributes(kv("a", b(true)))
                    .addAttributes(kv("cluster", i(3)))
                    .addAttributes(str("z", "1"))
                    .addAttributes(str("ip", "10.0.0.1"))
                    .addAttributes(str("service.name", "svc"))
                    .addAttributes(str("k8s.pod.name", "p"))
                    .setDroppedAttributesCount(2))
            .addScopeSpans(
                ScopeSpans.newBuilder()
                    .setScope(scope())
                    .addSpans(
                        spanBase()
                            .addAllAttributes(GENERIC_SPAN_ATTRS)
                            .addAttributes(str("instance", "i-1"))
                            .addAttributes(str("http.method", "GET"))
                            .addAttributes(i64("http.status_code", 500))))
            .build();
    assertThat(out).containsExactly(expected);
    assertThat(meta.startTime().getEpochSecond()).isZero();
  }
}
