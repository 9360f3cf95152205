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
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The reference mapping of the record-API writer; the spec's §5.9 worked examples are in {@link
 * TraceLayoutTest}, for the writer in use.
 */
class TraceRowMapperTest {

  private static final byte[] ID = TraceId.parse("000102030405060708090a0b0c0d0e0f").toByteArray();

  private final TraceRowMapper mapper =
      new TraceRowMapper(
          DedicatedColumnMapping.of(
              List.of(DedicatedColumn.resource("ip"), DedicatedColumn.span("instance"))));

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
