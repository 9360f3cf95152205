package dev.vivace.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.vivace.query.TimeRange;
import dev.vivace.trace.TraceId;
import dev.vivace.traceql.Attribute;
import dev.vivace.traceql.AttributeScope;
import dev.vivace.traceql.FieldExpression;
import dev.vivace.traceql.Intrinsic;
import dev.vivace.traceql.SpanFilter;
import dev.vivace.traceql.Static;
import dev.vivace.traceql.TraceQL;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class TagMatcherTest {

  private static final TraceId TRACE = TraceId.parse("2f3e0cee77ae5dc9c17ade3689eb2e54");
  private static final long T0 = 1_700_000_001_000_000_000L;

  static KeyValue kv(String key, AnyValue.Builder value) {
    return KeyValue.newBuilder().setKey(key).setValue(value).build();
  }

  static AnyValue.Builder str(String s) {
    return AnyValue.newBuilder().setStringValue(s);
  }

  private static ByteString id(int n) {
    byte[] b = new byte[8];
    b[7] = (byte) n;
    return ByteString.copyFrom(b);
  }

  private static final Span ROOT =
      Span.newBuilder()
          .setSpanId(id(1))
          .setName("GET /")
          .setStartTimeUnixNano(T0)
          .setEndTimeUnixNano(T0 + 1_000_000)
          .addAttributes(kv("http.method", str("GET")))
          .addAttributes(kv("retries", AnyValue.newBuilder().setIntValue(3)))
          .addAttributes(kv("ratio", AnyValue.newBuilder().setDoubleValue(0.5)))
          .addAttributes(kv("cached", AnyValue.newBuilder().setBoolValue(true)))
          .addAttributes(
              kv(
                  "list",
                  AnyValue.newBuilder()
                      .setArrayValue(
                          io.opentelemetry.proto.common.v1.ArrayValue.newBuilder()
                              .addValues(str("x")))))
          .addEvents(
              Span.Event.newBuilder().setName("exception").addAttributes(kv("exc.type", str("E"))))
          .addEvents(
              Span.Event.newBuilder().setName("retry").addAttributes(kv("attempt", str("2"))))
          .addLinks(Span.Link.newBuilder().setSpanId(id(9)).addAttributes(kv("link.why", str("f"))))
          .build();

  private static final Span CHILD =
      Span.newBuilder()
          .setSpanId(id(2))
          .setParentSpanId(id(1))
          .setName("SELECT")
          .setStartTimeUnixNano(T0 + 10)
          .setEndTimeUnixNano(T0 + 20)
          .addAttributes(kv("db.system", str("pg")))
          .addAttributes(kv("service.name", str("span-level")))
          .build();

  private static final List<ResourceSpans> BATCHES =
      List.of(
          ResourceSpans.newBuilder()
              .setResource(Resource.newBuilder().addAttributes(kv("service.name", str("web"))))
              .addScopeSpans(
                  ScopeSpans.newBuilder()
                      .setScope(
                          InstrumentationScope.newBuilder()
                              .setName("otel-http")
                              .setVersion("1.2")
                              .addAttributes(kv("lib.flavour", str("vanilla"))))
                      .addSpans(ROOT))
              .build(),
          ResourceSpans.newBuilder()
              .setResource(
                  Resource.newBuilder()
                      .addAttributes(kv("service.name", str("db")))
                      .addAttributes(kv("host", str("h1"))))
              .addScopeSpans(ScopeSpans.newBuilder().addSpans(CHILD))
              .build());

  private static TagCollector collector(int limit) {
    return new TagCollector(
        new TagLimits(limit, 0, 0, java.time.Duration.ofDays(1)), v -> 0, Long.MAX_VALUE, () -> 0);
  }

  private static @Nullable SpanFilter filter(@Nullable String query) {
    return query == null ? null : SpanFilter.compile(TraceQL.parse(query));
  }

  private static TagResult names(@Nullable String filter, AttributeScope... scopes) {
    TagCollector sink = collector(0);
    TagRequest request =
        new TagRequest(EnumSet.copyOf(List.of(scopes)), filter(filter), TimeRange.ALL);
    assertThat(TagMatcher.names(request, TRACE, BATCHES, sink)).isTrue();
    return sink.result(false);
  }

  private static List<Static> values(FieldExpression tag, @Nullable String filter) {
    TagCollector sink = collector(0);
    assertThat(
            TagMatcher.values(
                new TagValuesRequest(tag, filter(filter), TimeRange.ALL), TRACE, BATCHES, sink))
        .isTrue();
    return sink.result(false).values();
  }

  private static Static s(String value) {
    return new Static.StringValue(value);
  }

  @Test
  void namesComeFromEachRequestedScope() {
    TagResult all =
        names(
            null,
            AttributeScope.RESOURCE,
            AttributeScope.SPAN,
            AttributeScope.EVENT,
            AttributeScope.LINK,
            AttributeScope.INSTRUMENTATION);

    assertThat(all.names().get(AttributeScope.RESOURCE)).containsExactly("host", "service.name");
    assertThat(all.names().get(AttributeScope.SPAN))
        .containsExactly(
            "cached", "db.system", "http.method", "list", "ratio", "retries", "service.name");
    assertThat(all.names().get(AttributeScope.EVENT)).containsExactly("attempt", "exc.type");
    assertThat(all.names().get(AttributeScope.LINK)).containsExactly("link.why");
    assertThat(all.names().get(AttributeScope.INSTRUMENTATION)).containsExactly("lib.flavour");
    assertThat(names(null, AttributeScope.LINK).names()).containsOnlyKeys(AttributeScope.LINK);
  }

  @Test
  void aFilterKeepsTheNamesOfMatchingSpansAndOfTheirMatchingEventsOnly() {
    assertThat(names("{resource.service.name=\"db\"}", AttributeScope.SPAN).names())
        .containsEntry(AttributeScope.SPAN, List.of("db.system", "service.name"));
    TagResult events =
        names("{event.exc.type=\"E\"}", AttributeScope.EVENT, AttributeScope.RESOURCE);
    assertThat(events.names().get(AttributeScope.EVENT)).containsExactly("exc.type");
    assertThat(events.names().get(AttributeScope.RESOURCE)).containsExactly("service.name");
    assertThat(names("{name=\"nothing\"}", AttributeScope.SPAN).names()).isEmpty();
  }

  @Test
  void valuesAreTypedAndUnscopedMeansSpanAndResource() {
    assertThat(values(new Attribute(AttributeScope.SPAN, false, "retries"), null))
        .containsExactly(new Static.IntValue(3));
    assertThat(values(new Attribute(AttributeScope.SPAN, false, "ratio"), null))
        .containsExactly(new Static.FloatValue(0.5));
    assertThat(values(new Attribute(AttributeScope.SPAN, false, "cached"), null))
        .containsExactly(new Static.BoolValue(true));
    assertThat(values(new Attribute(AttributeScope.SPAN, false, "list"), null)).isEmpty();
    assertThat(values(new Attribute(AttributeScope.RESOURCE, false, "service.name"), null))
        .containsExactly(s("web"), s("db"));
    assertThat(values(new Attribute(AttributeScope.NONE, false, "service.name"), null))
        .containsExactlyInAnyOrder(s("web"), s("db"), s("span-level"));
    assertThat(values(new Attribute(AttributeScope.EVENT, false, "attempt"), null))
        .containsExactly(s("2"));
    assertThat(values(new Attribute(AttributeScope.RESOURCE, true, "service.name"), null))
        .as("parent.resource.service.name")
        .containsExactly(s("web"));
  }

  @Test
  void intrinsicValues() {
    assertThat(values(Intrinsic.NAME, null)).containsExactly(s("GET /"), s("SELECT"));
    assertThat(values(Intrinsic.ROOT_SERVICE_NAME, null)).containsExactly(s("web"));
    assertThat(values(Intrinsic.ROOT_NAME, null)).containsExactly(s("GET /"));
    assertThat(values(Intrinsic.EVENT_NAME, null)).containsExactly(s("exception"), s("retry"));
    assertThat(values(Intrinsic.INSTRUMENTATION_NAME, null)).containsExactly(s("otel-http"), s(""));
    assertThat(values(Intrinsic.INSTRUMENTATION_VERSION, "{resource.service.name=\"web\"}"))
        .containsExactly(s("1.2"));
    assertThat(values(Intrinsic.KIND, null))
        .containsExactly(new Static.KindValue(Static.SpanKind.UNSPECIFIED));
    assertThat(values(Intrinsic.STATUS, null))
        .containsExactly(new Static.StatusValue(Static.StatusCode.UNSET));
    assertThat(values(Intrinsic.DURATION, null)).isEmpty();
    assertThat(values(Intrinsic.TRACE_DURATION, null)).isEmpty();
  }

  @Test
  void aFilterKeepsTheValuesOfMatchingSpansAndEvents() {
    assertThat(values(Intrinsic.NAME, "{span.db.system=\"pg\"}")).containsExactly(s("SELECT"));
    assertThat(values(Intrinsic.EVENT_NAME, "{event.attempt=\"2\"}")).containsExactly(s("retry"));
    assertThat(values(Intrinsic.NAME, "{event.attempt=\"2\"}")).containsExactly(s("GET /"));
  }

  @Test
  void aTraceOutsideTheWindowYieldsNothing() {
    long s = T0 / 1_000_000_000L;
    TagCollector sink = collector(0);
    TagValuesRequest outside =
        new TagValuesRequest(Intrinsic.NAME, null, new TimeRange(s + 10, s + 20));
    assertThat(TagMatcher.values(outside, TRACE, BATCHES, sink)).isTrue();
    assertThat(sink.result(false).values()).isEmpty();

    TagRequest inside =
        new TagRequest(Set.of(AttributeScope.SPAN), null, new TimeRange(s - 10, s + 1));
    TagCollector names = collector(0);
    assertThat(TagMatcher.names(inside, TRACE, BATCHES, names)).isTrue();
    assertThat(names.result(false).names().get(AttributeScope.SPAN)).contains("db.system");
  }

  @Test
  void stopsOnceTheSinkIsFull() {
    TagCollector sink = collector(1);
    assertThat(
            TagMatcher.values(
                new TagValuesRequest(Intrinsic.NAME, null, TimeRange.ALL), TRACE, BATCHES, sink))
        .isFalse();
    assertThat(sink.result(false).values()).containsExactly(s("GET /"));
  }
}
