package dev.vivace.block.vparquet4;

import static dev.vivace.block.vparquet4.Otlp.array;
import static dev.vivace.block.vparquet4.Otlp.b;
import static dev.vivace.block.vparquet4.Otlp.i;
import static dev.vivace.block.vparquet4.Otlp.kv;
import static dev.vivace.block.vparquet4.Otlp.kvlist;
import static dev.vivace.block.vparquet4.Otlp.resourceSpans;
import static dev.vivace.block.vparquet4.Otlp.s;
import static dev.vivace.block.vparquet4.Otlp.span;
import static dev.vivace.block.vparquet4.Otlp.str;
import static io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_CLIENT;
import static io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_INTERNAL;
import static io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_SERVER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vivace.block.DedicatedColumn;
import dev.vivace.trace.TraceId;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraceRowMapperTest {

  private static final byte[] ID = TraceId.parse("000102030405060708090a0b0c0d0e0f").toByteArray();

  private final TraceRowMapper mapper =
      new TraceRowMapper(
          DedicatedColumnMapping.of(
              List.of(DedicatedColumn.resource("ip"), DedicatedColumn.span("instance"))));

  private static List<TraceRow.SpanRow> spans(TraceRow row) {
    List<TraceRow.SpanRow> out = new ArrayList<>();
    row.resources.forEach(r -> r.scopes.forEach(s -> out.addAll(s.spans)));
    return out;
  }

  private static String nested(TraceRow.SpanRow s) {
    return s.name + "(" + s.nestedSetLeft + "," + s.nestedSetRight + "," + s.parentId + ")";
  }

  @Test
  void nestedSetAndServiceStatsFollowSpecExample() {
    Span a =
        span(1, 0, "A", SPAN_KIND_SERVER).toBuilder()
            .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR))
            .build();
    Span e =
        span(5, 4, "E", SPAN_KIND_INTERNAL).toBuilder()
            .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR))
            .build();
    TraceRow row =
        mapper.map(
            ID,
            List.of(
                resourceSpans(
                    "service-a",
                    a,
                    span(2, 1, "B", SPAN_KIND_INTERNAL),
                    span(3, 1, "C", SPAN_KIND_CLIENT)),
                resourceSpans("service-b", span(4, 3, "D", SPAN_KIND_SERVER), e)));

    assertThat(spans(row).stream().map(TraceRowMapperTest::nested))
        .containsExactly("A(1,10,-1)", "B(2,3,1)", "C(4,9,1)", "D(5,8,4)", "E(6,7,5)");
    assertThat(row.serviceStats).containsOnlyKeys("service-a", "service-b");
    assertThat(row.serviceStats.get("service-a")).containsExactly(3, 1);
    assertThat(row.serviceStats.get("service-b")).containsExactly(2, 1);
    assertThat(row.rootSpanName).isEqualTo("A");
    assertThat(row.rootServiceName).isEqualTo("service-a");
    assertThat(row.traceIdText).isEqualTo("102030405060708090a0b0c0d0e0f");
  }

  @Test
  void twoRootsAndSharedZipkinIds() {
    TraceRow roots =
        mapper.map(
            ID,
            List.of(
                resourceSpans(
                    "s",
                    span(1, 0, "X", SPAN_KIND_INTERNAL),
                    span(2, 0, "Y", SPAN_KIND_INTERNAL))));
    assertThat(spans(roots).stream().map(TraceRowMapperTest::nested))
        .containsExactly("X(1,2,-1)", "Y(3,4,-1)");

    // Client and server share span ID 2; the server's parent is the client, the child's the server.
    TraceRow zipkin =
        mapper.map(
            ID,
            List.of(
                resourceSpans(
                    "s",
                    span(1, 0, "root", SPAN_KIND_SERVER),
                    span(2, 1, "client", SPAN_KIND_CLIENT),
                    span(2, 2, "server", SPAN_KIND_SERVER),
                    span(3, 2, "child", SPAN_KIND_CLIENT))));
    assertThat(spans(zipkin).stream().map(TraceRowMapperTest::nested))
        .containsExactly("root(1,8,-1)", "client(2,7,1)", "server(3,6,2)", "child(4,5,3)");
  }

  @Test
  void ambiguousOrRootlessTracesGetZeros() {
    TraceRow noRoot =
        mapper.map(ID, List.of(resourceSpans("s", span(2, 1, "orphan", SPAN_KIND_INTERNAL))));
    assertThat(spans(noRoot).stream().map(TraceRowMapperTest::nested))
        .containsExactly("orphan(0,0,0)");
    assertThat(noRoot.rootSpanName).isEmpty();

    TraceRow triple =
        mapper.map(
            ID,
            List.of(
                resourceSpans(
                    "s",
                    span(1, 0, "r", SPAN_KIND_INTERNAL),
                    span(1, 1, "a", SPAN_KIND_INTERNAL),
                    span(1, 1, "b", SPAN_KIND_INTERNAL))));
    assertThat(spans(triple).stream().map(TraceRowMapperTest::nested))
        .containsExactly("r(0,0,0)", "a(0,0,0)", "b(0,0,0)");
  }

  @Test
  void childOfLinkToSameTraceDisqualifiesRoot() {
    Span linked =
        span(1, 0, "linked", SPAN_KIND_INTERNAL).toBuilder()
            .setTraceId(TraceId.of(ID).toByteString())
            .addLinks(
                Span.Link.newBuilder()
                    .setTraceId(TraceId.of(ID).toByteString())
                    .addAttributes(str("opentracing.ref_type", "child_of")))
            .build();
    Span other =
        span(2, 0, "other", SPAN_KIND_INTERNAL).toBuilder()
            .setTraceId(TraceId.of(ID).toByteString())
            .addLinks(
                Span.Link.newBuilder()
                    .setTraceId(TraceId.parse("ff").toByteString())
                    .addAttributes(str("opentracing.ref_type", "child_of")))
            .build();

    assertThat(mapper.map(ID, List.of(resourceSpans("s", other, linked))).rootSpanName)
        .isEqualTo("other");
  }

  @Test
  void routesWellKnownAndDedicatedAttributesByType() {
    ResourceSpans rs =
        ResourceSpans.newBuilder()
            .setResource(
                Resource.newBuilder()
                    .addAttributes(str("service.name", "svc"))
                    .addAttributes(str("k8s.pod.name", "pod-1"))
                    .addAttributes(kv("cluster", i(3)))
                    .addAttributes(str("ip", "10.0.0.1"))
                    .addAttributes(str("b", "x"))
                    .addAttributes(str("a", "y")))
            .addScopeSpans(
                ScopeSpans.newBuilder()
                    .addSpans(
                        span(1, 0, "root", SPAN_KIND_SERVER).toBuilder()
                            .addAttributes(str("http.method", "GET"))
                            .addAttributes(Otlp.i64("http.status_code", 200))
                            .addAttributes(str("http.url", "/x"))
                            .addAttributes(kv("instance", i(1)))
                            .addAttributes(str("instance", "i-1"))))
            .build();
    TraceRow row = mapper.map(ID, List.of(rs));
    TraceRow.ResourceRow r = row.resources.get(0);
    TraceRow.SpanRow s = r.scopes.get(0).spans.get(0);

    assertThat(r.serviceName).isEqualTo("svc");
    assertThat(r.wellKnown[WellKnown.RESOURCE_KEYS.indexOf("k8s.pod.name")]).isEqualTo("pod-1");
    assertThat(r.dedicated[0]).isEqualTo("10.0.0.1");
    assertThat(r.attrs).extracting(Attr::key).containsExactly("a", "b", "cluster");
    assertThat(s.httpMethod).isEqualTo("GET");
    assertThat(s.httpUrl).isEqualTo("/x");
    assertThat(s.httpStatusCode).isEqualTo(200L);
    assertThat(s.dedicated[0]).isEqualTo("i-1");
    assertThat(s.attrs).extracting(Attr::key).containsExactly("instance");
  }

  @Test
  void encodesAttributesAsSpecified() {
    assertThat(AttributeEncoder.encode(kv("k", array(b(true), i(1), b(true)))).unsupported())
        .isEqualTo(
            "{\"arrayValue\":{\"values\":[{\"boolValue\":true},{\"intValue\":\"1\"},{\"boolValue\":true}]}}");
    assertThat(
            AttributeEncoder.encode(kv("k", kvlist(str("key-a", "val-a"), str("key-b", "val-b"))))
                .unsupported())
        .isEqualTo(
            "{\"kvlistValue\":{\"values\":[{\"key\":\"key-a\",\"value\":{\"stringValue\":\"val-a\"}},"
                + "{\"key\":\"key-b\",\"value\":{\"stringValue\":\"val-b\"}}]}}");
    assertThat(AttributeEncoder.encode(kv("k", AnyValue.getDefaultInstance())).unsupported())
        .isEqualTo("{}");
    Attr strings = AttributeEncoder.encode(kv("k", array(s("a"), s("b"))));
    assertThat(strings.isArray()).isTrue();
    assertThat(strings.strings()).containsExactly("a", "b");
    assertThat(AttributeEncoder.encode(kv("k", array())).isArray()).isTrue();
  }

  @Test
  void rebatchesEqualResourcesAndScopes() {
    TraceRow row =
        mapper.map(
            ID,
            List.of(
                resourceSpans("a", span(1, 0, "1", SPAN_KIND_INTERNAL)),
                resourceSpans("b", span(2, 1, "2", SPAN_KIND_INTERNAL)),
                resourceSpans("a", span(3, 1, "3", SPAN_KIND_INTERNAL))));

    assertThat(row.resources).hasSize(2);
    assertThat(row.resources.get(0).scopes).hasSize(1);
    assertThat(row.resources.get(0).scopes.get(0).spans)
        .extracting(sp -> sp.name)
        .containsExactly("1", "3");
  }
}
