package dev.vivace.ingester;

import static dev.vivace.ingester.TestSpans.span;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vivace.query.TimeRange;
import dev.vivace.search.TagRequest;
import dev.vivace.search.TagResult;
import dev.vivace.search.TagValuesRequest;
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
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Attribute names and values of what a real ingester holds in memory, on a fake clock. */
class IngesterTagSearchTest {

  final FakeTimeIngester fixture;
  final Ingester ingester;

  IngesterTagSearchTest(@TempDir Path wal) {
    fixture = new FakeTimeIngester(wal);
    ingester = fixture.ingester;
    // Trace 1: a checkout span idle in the head block, and a database span still live.
    ingester.push(
        "t",
        batch(
            "checkout",
            "otel-http",
            span(1, 1, "POST /pay").toBuilder()
                .addAttributes(kv("http.status", AnyValue.newBuilder().setIntValue(200)))
                .addAttributes(kv("sampled", AnyValue.newBuilder().setBoolValue(true)))
                .addEvents(
                    Span.Event.newBuilder()
                        .setName("exception")
                        .addAttributes(kv("exception.type", str("Timeout"))))
                .addEvents(
                    Span.Event.newBuilder().setName("retry").addAttributes(kv("attempt", str("2"))))
                .addLinks(Span.Link.newBuilder().addAttributes(kv("link.kind", str("follows"))))
                .build()));
    fixture.scheduler.advance(Duration.ofSeconds(10));
    ingester.push(
        "t",
        batch(
            "db",
            "jdbc",
            span(1, 2, "SELECT").toBuilder()
                .setParentSpanId(span(1, 1, "").getSpanId())
                .addAttributes(kv("ratio", AnyValue.newBuilder().setDoubleValue(0.25)))
                .addAttributes(kv("http.status", AnyValue.newBuilder().setIntValue(500)))
                .build()));
    // Another tenant, kept apart.
    ingester.push(
        "other",
        batch(
            "secret",
            "x",
            span(2, 1, "hidden").toBuilder().addAttributes(kv("other.only", str("v"))).build()));
    assertThat(fixture.store.headTraces("t")).isEqualTo(1);
    assertThat(fixture.store.liveTraces("t")).isEqualTo(1);
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  static KeyValue kv(String key, AnyValue.Builder value) {
    return KeyValue.newBuilder().setKey(key).setValue(value).build();
  }

  static AnyValue.Builder str(String s) {
    return AnyValue.newBuilder().setStringValue(s);
  }

  static List<ResourceSpans> batch(String service, String scope, Span span) {
    return List.of(
        ResourceSpans.newBuilder()
            .setResource(
                Resource.newBuilder()
                    .addAttributes(kv("service.name", str(service)))
                    .addAttributes(kv("host.name", str(service + "-1"))))
            .addScopeSpans(
                ScopeSpans.newBuilder()
                    .setScope(
                        InstrumentationScope.newBuilder()
                            .setName(scope)
                            .setVersion("1.0")
                            .addAttributes(kv(scope + ".flavour", str("plain"))))
                    .addSpans(span))
            .build());
  }

  static @Nullable SpanFilter filter(@Nullable String query) {
    return query == null ? null : SpanFilter.compile(TraceQL.parse(query));
  }

  TagResult names(String tenant, @Nullable String filter, AttributeScope... scopes) {
    return fixture.engine.tagNames(
        List.of(tenant),
        new TagRequest(EnumSet.copyOf(List.of(scopes)), filter(filter), TimeRange.ALL),
        0,
        0,
        Duration.ofMinutes(1));
  }

  List<Static> values(FieldExpression tag, @Nullable String filter, int limit) {
    return fixture
        .engine
        .tagValues(
            List.of("t"),
            new TagValuesRequest(tag, filter(filter), TimeRange.ALL),
            limit,
            0,
            Duration.ofMinutes(1))
        .values();
  }

  static Static s(String value) {
    return new Static.StringValue(value);
  }

  @Test
  void namesPerScopeOverTheHeadBlockAndTheLiveTraces() {
    TagResult all =
        names(
            "t",
            null,
            AttributeScope.RESOURCE,
            AttributeScope.SPAN,
            AttributeScope.EVENT,
            AttributeScope.LINK,
            AttributeScope.INSTRUMENTATION);

    assertThat(all.names())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                AttributeScope.RESOURCE, List.of("host.name", "service.name"),
                AttributeScope.SPAN, List.of("http.status", "ratio", "sampled"),
                AttributeScope.EVENT, List.of("attempt", "exception.type"),
                AttributeScope.LINK, List.of("link.kind"),
                AttributeScope.INSTRUMENTATION, List.of("jdbc.flavour", "otel-http.flavour")));
    assertThat(all.inspectedBytes())
        .isEqualTo(fixture.ingester.find("t", TestSpans.trace(1), TimeRange.ALL).inspectedBytes());
    assertThat(names("other", null, AttributeScope.SPAN).names())
        .containsExactly(Map.entry(AttributeScope.SPAN, List.of("other.only")));
  }

  @Test
  void namesHonourTheFilter() {
    assertThat(names("t", "{resource.service.name=\"db\"}", AttributeScope.SPAN).names())
        .containsExactly(Map.entry(AttributeScope.SPAN, List.of("http.status", "ratio")));
    TagResult events =
        names("t", "{event.attempt=\"2\"}", AttributeScope.EVENT, AttributeScope.INSTRUMENTATION);
    assertThat(events.names())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                AttributeScope.EVENT, List.of("attempt"),
                AttributeScope.INSTRUMENTATION, List.of("otel-http.flavour")));
  }

  @Test
  void valuesAreTypedAndUnscopedMeansSpanAndResource() {
    assertThat(values(new Attribute(AttributeScope.SPAN, false, "http.status"), null, 0))
        .containsExactlyInAnyOrder(new Static.IntValue(200), new Static.IntValue(500));
    assertThat(values(new Attribute(AttributeScope.NONE, false, "ratio"), null, 0))
        .containsExactly(new Static.FloatValue(0.25));
    assertThat(values(new Attribute(AttributeScope.SPAN, false, "sampled"), null, 0))
        .containsExactly(new Static.BoolValue(true));
    assertThat(values(new Attribute(AttributeScope.NONE, false, "service.name"), null, 0))
        .containsExactlyInAnyOrder(s("checkout"), s("db"));
    assertThat(values(new Attribute(AttributeScope.EVENT, false, "exception.type"), null, 0))
        .containsExactly(s("Timeout"));
    assertThat(values(new Attribute(AttributeScope.SPAN, false, "other.only"), null, 0)).isEmpty();
  }

  @Test
  void intrinsicValues() {
    assertThat(values(Intrinsic.NAME, null, 0))
        .containsExactlyInAnyOrder(s("POST /pay"), s("SELECT"));
    assertThat(values(Intrinsic.ROOT_SERVICE_NAME, null, 0)).containsExactly(s("checkout"));
    assertThat(values(Intrinsic.ROOT_NAME, null, 0)).containsExactly(s("POST /pay"));
    assertThat(values(Intrinsic.EVENT_NAME, null, 0))
        .containsExactlyInAnyOrder(s("exception"), s("retry"));
    assertThat(values(Intrinsic.INSTRUMENTATION_NAME, null, 0))
        .containsExactlyInAnyOrder(s("otel-http"), s("jdbc"));
    assertThat(values(Intrinsic.INSTRUMENTATION_VERSION, null, 0)).containsExactly(s("1.0"));
  }

  @Test
  void valuesHonourTheFilterAndTheLimit() {
    assertThat(values(Intrinsic.NAME, "{span.http.status >= 500}", 0)).containsExactly(s("SELECT"));
    assertThat(values(Intrinsic.EVENT_NAME, "{event.exception.type=\"Timeout\"}", 0))
        .containsExactly(s("exception"));
    assertThat(values(Intrinsic.NAME, null, 1)).hasSize(1);
  }
}
