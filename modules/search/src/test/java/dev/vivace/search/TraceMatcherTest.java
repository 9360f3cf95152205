package dev.vivace.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.vivace.query.TimeRange;
import dev.vivace.trace.TraceId;
import dev.vivace.traceql.Static;
import dev.vivace.traceql.TraceQL;
import dev.vivace.traceql.TraceQuery;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraceMatcherTest {

  private static final TraceId TRACE = TraceId.parse("2f3e0cee77ae5dc9c17ade3689eb2e54");
  private static final long T0 = 1_700_000_001_000_000_000L;

  private static ByteString id(int n) {
    byte[] b = new byte[8];
    b[7] = (byte) n;
    return ByteString.copyFrom(b);
  }

  private static KeyValue attr(String key, String value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setStringValue(value))
        .build();
  }

  private static Span span(int id, int parent, String name, long start, long end, boolean error) {
    Span.Builder b =
        Span.newBuilder()
            .setTraceId(TRACE.toByteString())
            .setSpanId(id(id))
            .setName(name)
            .setStartTimeUnixNano(start)
            .setEndTimeUnixNano(end)
            .addAttributes(attr("http.method", "GET"));
    if (parent != 0) {
      b.setParentSpanId(id(parent));
    }
    if (error) {
      b.setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR));
    }
    return b.build();
  }

  private static ResourceSpans batch(String service, Span... spans) {
    return ResourceSpans.newBuilder()
        .setResource(Resource.newBuilder().addAttributes(attr("service.name", service)))
        .addScopeSpans(ScopeSpans.newBuilder().addAllSpans(List.of(spans)))
        .build();
  }

  private static final List<ResourceSpans> TRACE_BATCHES =
      List.of(
          batch("frontend", span(1, 0, "POST /checkout", T0, T0 + 557_000_000, false)),
          batch(
              "checkout",
              span(2, 1, "charge", T0 + 35_000_000, T0 + 481_979_497, true),
              span(3, 1, "reserve", T0 + 40_000_000, T0 + 50_000_000, false)));

  private static SearchRequest request(String query, TimeRange range, int spss) {
    return new SearchRequest(TraceQuery.compile(TraceQL.parse(query)), range, 20, spss);
  }

  @Test
  void reportsRootTimesStatsAndTheAttributesTheQueryNamed() {
    TraceMatch match =
        TraceMatcher.match(
            request("{resource.service.name=\"checkout\" && status=error}", TimeRange.ALL, 3),
            TRACE,
            TRACE_BATCHES);

    assertThat(match).isNotNull();
    assertThat(match.rootServiceName()).isEqualTo("frontend");
    assertThat(match.rootSpanName()).isEqualTo("POST /checkout");
    assertThat(match.startNanos()).isEqualTo(T0);
    assertThat(match.endNanos()).isEqualTo(T0 + 557_000_000);
    assertThat(match.serviceStats())
        .containsEntry("frontend", new ServiceStats(1, 0))
        .containsEntry("checkout", new ServiceStats(2, 1));
    SpansetMatch set = match.spansets().get(0);
    assertThat(set.matched()).isEqualTo(1);
    SpanMatch span = set.spans().get(0);
    assertThat(span.spanId()).isEqualTo("0000000000000002");
    assertThat(span.name()).isNull();
    assertThat(span.durationNanos()).isEqualTo(446_979_497);
    assertThat(span.attributes())
        .containsExactly(
            new SpanAttribute("service.name", new Static.StringValue("checkout")),
            new SpanAttribute("status", new Static.StatusValue(Static.StatusCode.ERROR)));
  }

  @Test
  void showsTheNameOnlyWhenTheQueryNamesIt() {
    TraceMatch match =
        TraceMatcher.match(request("{name=\"charge\"}", TimeRange.ALL, 3), TRACE, TRACE_BATCHES);

    assertThat(match).isNotNull();
    assertThat(match.spansets().get(0).spans().get(0).name()).isEqualTo("charge");
    assertThat(match.spansets().get(0).spans().get(0).attributes()).isEmpty();
  }

  @Test
  void capsShownSpansButCountsAll() {
    TraceMatch match = TraceMatcher.match(request("{}", TimeRange.ALL, 2), TRACE, TRACE_BATCHES);

    assertThat(match).isNotNull();
    assertThat(match.spansets().get(0).spans()).hasSize(2);
    assertThat(match.spansets().get(0).matched()).isEqualTo(3);
  }

  @Test
  void unscopedAttributesFallBackToTheResource() {
    TraceMatch match =
        TraceMatcher.match(
            request("{.service.name=\"frontend\"}", TimeRange.ALL, 3), TRACE, TRACE_BATCHES);

    assertThat(match).isNotNull();
    assertThat(match.spansets().get(0).spans().get(0).attributes())
        .containsExactly(new SpanAttribute("service.name", new Static.StringValue("frontend")));
  }

  @Test
  void skipsTracesOutsideTheWindowAndTracesThatDoNotMatch() {
    long s = T0 / 1_000_000_000L;
    assertThat(
            TraceMatcher.match(
                request("{}", new TimeRange(s + 10, s + 20), 3), TRACE, TRACE_BATCHES))
        .isNull();
    assertThat(
            TraceMatcher.match(
                request("{}", new TimeRange(s - 10, s + 1), 3), TRACE, TRACE_BATCHES))
        .isNotNull();
    assertThat(
            TraceMatcher.match(
                request("{name=\"nothing\"}", TimeRange.ALL, 3), TRACE, TRACE_BATCHES))
        .isNull();
  }

  @Test
  void aTraceWithoutItsRootHasNoRootNames() {
    TraceMatch match =
        TraceMatcher.match(request("{}", TimeRange.ALL, 3), TRACE, List.of(TRACE_BATCHES.get(1)));

    assertThat(match).isNotNull();
    assertThat(match.rootServiceName()).isNull();
    assertThat(match.rootSpanName()).isNull();
  }
}
