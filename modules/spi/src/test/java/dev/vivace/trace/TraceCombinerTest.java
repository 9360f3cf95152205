package dev.vivace.trace;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraceCombinerTest {

  static ByteString id(int n) {
    byte[] b = new byte[8];
    b[7] = (byte) n;
    return ByteString.copyFrom(b);
  }

  static Span span(int id, int parent, SpanKind kind, long start) {
    Span.Builder b =
        Span.newBuilder()
            .setSpanId(id(id))
            .setKind(kind)
            .setStartTimeUnixNano(start)
            .setName("s" + id);
    if (parent != 0) {
      b.setParentSpanId(id(parent));
    }
    return b.build();
  }

  static ResourceSpans batch(String service, Span... spans) {
    return ResourceSpans.newBuilder()
        .setResource(
            Resource.newBuilder()
                .addAttributes(
                    KeyValue.newBuilder()
                        .setKey("service.name")
                        .setValue(AnyValue.newBuilder().setStringValue(service))))
        .addScopeSpans(ScopeSpans.newBuilder().addAllSpans(List.of(spans)))
        .build();
  }

  static List<Span> spans(List<ResourceSpans> batches) {
    List<Span> out = new ArrayList<>();
    batches.forEach(rs -> rs.getScopeSpansList().forEach(ss -> out.addAll(ss.getSpansList())));
    return out;
  }

  @Test
  void dropsDuplicatesBySpanIdAndKindAndEmptyGroups() {
    ResourceSpans first = batch("a", span(1, 0, SpanKind.SPAN_KIND_SERVER, 10));
    ResourceSpans retry = batch("a", span(1, 0, SpanKind.SPAN_KIND_SERVER, 10));
    ResourceSpans other = batch("b", span(2, 1, SpanKind.SPAN_KIND_INTERNAL, 5));

    List<ResourceSpans> combined = TraceCombiner.combine(List.of(first, retry, other));

    assertThat(combined).hasSize(2);
    assertThat(spans(combined)).extracting(Span::getSpanId).containsExactly(id(2), id(1));
  }

  @Test
  void sameSpanIdWithAnotherKindIsKept() {
    List<ResourceSpans> combined =
        TraceCombiner.combine(
            List.of(
                batch(
                    "a",
                    span(1, 0, SpanKind.SPAN_KIND_INTERNAL, 1),
                    span(1, 0, SpanKind.SPAN_KIND_PRODUCER, 1))));
    assertThat(spans(combined)).hasSize(2);
  }

  @Test
  void setsResourceScopeAndStatus() {
    ResourceSpans bare =
        ResourceSpans.newBuilder()
            .addScopeSpans(ScopeSpans.newBuilder().addSpans(Span.newBuilder().setSpanId(id(1))))
            .build();
    ResourceSpans out = TraceCombiner.combine(List.of(bare)).get(0);
    assertThat(out.hasResource()).isTrue();
    assertThat(out.getScopeSpans(0).hasScope()).isTrue();
    assertThat(out.getScopeSpans(0).getSpans(0).hasStatus()).isTrue();
  }

  @Test
  void splitsZipkinSharedSpanIds() {
    ResourceSpans client = batch("a", span(1, 0, SpanKind.SPAN_KIND_CLIENT, 1));
    ResourceSpans server =
        batch(
            "b",
            span(1, 0, SpanKind.SPAN_KIND_SERVER, 2),
            span(3, 1, SpanKind.SPAN_KIND_INTERNAL, 3));

    List<Span> out = spans(TraceCombiner.combine(List.of(client, server)));

    Span c = out.get(0);
    Span s = out.get(1);
    Span child = out.get(2);
    assertThat(c.getSpanId()).isEqualTo(id(1));
    assertThat(s.getSpanId()).isNotIn(id(1), id(3), ByteString.copyFrom(new byte[8]));
    assertThat(s.getParentSpanId()).isEqualTo(id(1));
    assertThat(child.getParentSpanId()).isEqualTo(s.getSpanId());
    // The same input always gives the same new ID.
    assertThat(spans(TraceCombiner.combine(List.of(client, server))).get(1).getSpanId())
        .isEqualTo(s.getSpanId());
  }
}
