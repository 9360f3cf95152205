package dev.vivace.ingest.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vivace.ingester.IngestLimits;
import dev.vivace.query.TimeRange;
import dev.vivace.query.TraceLookup;
import dev.vivace.tenant.Tenancy;
import dev.vivace.trace.TraceId;
import dev.vivace.trace.Traces;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The OpenTelemetry Java SDK's own exporters, as users run them, against our receivers. */
class OtlpExportersTest {

  @RegisterExtension
  static final OtlpServer server =
      new OtlpServer(Tenancy.MULTI, IngestLimits.DEFAULT, 4 * 1024 * 1024, 20 * 1024 * 1024);

  /** Makes a small real trace with the SDK: a server span with a child, events and an error. */
  static List<SpanData> trace(String service) {
    InMemorySpanExporter memory = InMemorySpanExporter.create();
    try (SdkTracerProvider provider =
        SdkTracerProvider.builder()
            .setResource(
                Resource.getDefault()
                    .merge(
                        Resource.create(
                            Attributes.of(AttributeKey.stringKey("service.name"), service))))
            .addSpanProcessor(SimpleSpanProcessor.create(memory))
            .build()) {
      Tracer tracer = provider.get("test-scope", "1.2.3");
      Span root =
          tracer
              .spanBuilder("GET /cart")
              .setSpanKind(SpanKind.SERVER)
              .setAttribute("http.status_code", 500L)
              .setAttribute("ratio", 0.5)
              .setAttribute(AttributeKey.stringArrayKey("tags"), List.of("a", "ü"))
              .startSpan();
      try (Scope ignored = root.makeCurrent()) {
        Span child = tracer.spanBuilder("db").setSpanKind(SpanKind.CLIENT).startSpan();
        child.addEvent("retry", Attributes.of(AttributeKey.longKey("n"), 2L));
        child.setStatus(StatusCode.ERROR, "boom");
        child.end();
      }
      root.end();
      // Read before close: closing the provider shuts the in-memory exporter down, which clears it.
      List<SpanData> spans = memory.getFinishedSpanItems();
      assertThat(spans).hasSize(2);
      return spans;
    }
  }

  static void export(SpanExporter exporter, List<SpanData> spans) {
    CompletableResultCode result = exporter.export(spans).join(10, TimeUnit.SECONDS);
    exporter.shutdown().join(10, TimeUnit.SECONDS);
    assertThat(result.isSuccess()).as("export succeeded").isTrue();
  }

  static void assertStored(String tenant, List<SpanData> spans) {
    TraceId id = TraceId.parse(spans.get(0).getTraceId());
    TraceLookup found = server.store.find(tenant, id, TimeRange.ALL);
    List<ResourceSpans> combined = dev.vivace.trace.TraceCombiner.combine(found.fragments());
    assertThat(Traces.spanCount(combined)).isEqualTo(spans.size());
    ResourceSpans rs = combined.get(0);
    assertThat(rs.getResource().getAttributesList())
        .anySatisfy(kv -> assertThat(kv.getKey()).isEqualTo("service.name"));
    assertThat(rs.getScopeSpans(0).getScope().getName()).isEqualTo("test-scope");
    assertThat(rs.getScopeSpans(0).getSpansList())
        .anySatisfy(
            s -> {
              assertThat(s.getName()).isEqualTo("db");
              assertThat(s.getStatus().getMessage()).isEqualTo("boom");
              assertThat(s.getEvents(0).getName()).isEqualTo("retry");
            });
    // Other tenants see nothing.
    assertThat(server.store.find("someone-else", id, TimeRange.ALL).isEmpty()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"none", "gzip"})
  void grpcExporter(String compression) {
    List<SpanData> spans = trace("grpc-" + compression);
    export(
        OtlpGrpcSpanExporter.builder()
            .setEndpoint(server.httpUri().toString())
            .setCompression(compression)
            .addHeader("X-Scope-OrgID", "tenant-grpc")
            .build(),
        spans);
    assertStored("tenant-grpc", spans);
  }

  @ParameterizedTest
  @ValueSource(strings = {"none", "gzip"})
  void httpProtobufExporter(String compression) {
    List<SpanData> spans = trace("http-" + compression);
    export(
        OtlpHttpSpanExporter.builder()
            .setEndpoint(server.httpUri().resolve("/v1/traces").toString())
            .setCompression(compression)
            .addHeader("X-Scope-OrgID", "tenant-http")
            .build(),
        spans);
    assertStored("tenant-http", spans);
  }

  @ParameterizedTest
  @ValueSource(strings = {"grpc", "http"})
  void exporterWithoutTenantFailsInMultiTenantMode(String transport) {
    SpanExporter exporter =
        transport.equals("grpc")
            ? OtlpGrpcSpanExporter.builder()
                .setEndpoint(server.httpUri().toString())
                .setRetryPolicy(null)
                .build()
            : OtlpHttpSpanExporter.builder()
                .setEndpoint(server.httpUri().resolve("/v1/traces").toString())
                .setRetryPolicy(null)
                .build();
    CompletableResultCode result = exporter.export(trace("nobody")).join(10, TimeUnit.SECONDS);
    exporter.shutdown();
    assertThat(result.isSuccess()).isFalse();
  }
}
