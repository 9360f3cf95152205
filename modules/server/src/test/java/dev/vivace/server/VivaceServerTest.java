package dev.vivace.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.linecorp.armeria.client.BlockingWebClient;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import dev.vivace.server.config.ConfigException;
import dev.vivace.server.config.ConfigKeys;
import dev.vivace.server.config.VivaceConfig;
import dev.vivace.tempopb.Trace;
import dev.vivace.tempopb.TraceByIDResponse;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole server in-process, fed by the OpenTelemetry SDK as an application would feed it, and
 * read back through Tempo's API as Grafana reads it.
 */
class VivaceServerTest {

  static VivaceServer server;
  static BlockingWebClient query;

  @TempDir static Path data;

  @BeforeAll
  static void start() {
    VivaceConfig config = InProcess.config(data);
    server = VivaceServer.create(config);
    server.start();
    query = BlockingWebClient.of("http://127.0.0.1:" + server.queryPort());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** Sends one two-span trace through a real SDK pipeline and returns its trace ID. */
  static String sendTrace(SpanExporter exporter, String service) {
    String traceId;
    try (SdkTracerProvider provider =
        SdkTracerProvider.builder()
            .setResource(
                Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), service)))
            .addSpanProcessor(BatchSpanProcessor.builder(exporter).build())
            .build()) {
      Tracer tracer = provider.get("vivace-test");
      Span root = tracer.spanBuilder("checkout").setSpanKind(SpanKind.SERVER).startSpan();
      try (Scope ignored = root.makeCurrent()) {
        tracer.spanBuilder("db").startSpan().end();
      }
      root.end();
      traceId = root.getSpanContext().getTraceId();
      assertThat(provider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
    }
    return traceId;
  }

  AggregatedHttpResponse get(String path, String accept) {
    return query.execute(
        RequestHeaders.builder(HttpMethod.GET, path).add("accept", accept).build());
  }

  @Test
  void grpcWithGzipThenTraceByIdV1AndV2InProtobuf() throws Exception {
    String traceId =
        sendTrace(
            OtlpGrpcSpanExporter.builder()
                .setEndpoint("http://127.0.0.1:" + server.otlpGrpcPort())
                .setCompression("gzip")
                .build(),
            "grpc-app");

    Trace v1 =
        Trace.parseFrom(get("/api/traces/" + traceId, "application/protobuf").content().array());
    assertThat(v1.getResourceSpans(0).getScopeSpans(0).getSpansCount()).isEqualTo(2);

    TraceByIDResponse v2 =
        TraceByIDResponse.parseFrom(
            get("/api/v2/traces/" + traceId, "application/protobuf").content().array());
    assertThat(v2.getTrace().getResourceSpans(0).getScopeSpans(0).getSpansCount()).isEqualTo(2);
    assertThat(
            v2.getTrace()
                .getResourceSpans(0)
                .getResource()
                .getAttributes(0)
                .getValue()
                .getStringValue())
        .isEqualTo("grpc-app");
  }

  @Test
  void httpProtobufThenJsonAndShortIds() {
    String traceId =
        sendTrace(
            OtlpHttpSpanExporter.builder()
                .setEndpoint("http://127.0.0.1:" + server.otlpHttpPort() + "/v1/traces")
                .build(),
            "http-app");

    AggregatedHttpResponse res = get("/api/traces/" + traceId, "application/json");
    assertThat(res.status().code()).isEqualTo(200);
    assertThat(res.contentUtf8())
        .startsWith("{\"batches\":[")
        .contains("\"stringValue\":\"http-app\"");
    // Leading zeros may be left out, as in Tempo's search results.
    String trimmed = traceId.replaceFirst("^0+", "");
    assertThat(get("/api/traces/" + trimmed, "application/json").status().code()).isEqualTo(200);
  }

  @Test
  void serviceEndpoints() {
    assertThat(query.get("/ready").contentUtf8()).isEqualTo("ready\n");
    assertThat(query.get("/api/echo").contentUtf8()).isEqualTo("echo\n");
    assertThat(query.get("/api/status/buildinfo").contentUtf8())
        .startsWith("{\"version\":\"2.10.3\"");
    sendTrace(
        OtlpHttpSpanExporter.builder()
            .setEndpoint("http://127.0.0.1:" + server.otlpHttpPort() + "/v1/traces")
            .build(),
        "m");
    String metrics = query.get("/metrics").contentUtf8();
    assertThat(metrics)
        .contains("tempo_distributor_spans_received_total{tenant=\"single-tenant\"}")
        .contains("vivace_http_server_request_duration_seconds");
  }

  @Test
  void searchIsServedCheckedAndCounted() {
    String none = "%7B%20resource.service.name%20%3D%20%22no-such-service%22%20%7D";
    AggregatedHttpResponse res = get("/api/search?q=" + none, "application/json");
    assertThat(res.status().code()).isEqualTo(200);
    assertThat(res.contentUtf8()).startsWith("{\"metrics\":{").doesNotContain("traces");
    AggregatedHttpResponse bad = get("/api/search?limit=0", "application/json");
    assertThat(bad.status().code()).isEqualTo(400);
    assertThat(bad.contentUtf8()).isEqualTo("invalid limit: must be a positive number");
    assertThat(query.get("/metrics").contentUtf8())
        .contains("vivace_query_searches_total{result=\"complete\"}")
        .contains("vivace_query_search_duration_seconds_count");
  }

  @Test
  void searchLimitsBelowTheirDefaultsAreConfigErrors() {
    VivaceConfig config = InProcess.config(data).with(ConfigKeys.SEARCH_MAX_RESULT_LIMIT, 10);
    assertThatThrownBy(() -> VivaceServer.create(config))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "invalid configuration:\n"
                + "  query_frontend.search.max_result_limit: 10 (expected: 0, or at least"
                + " query_frontend.search.default_result_limit, 20)");
  }

  @Test
  void badInputGetsA4xxAndOthersAreStillServed() {
    BlockingWebClient otlp = BlockingWebClient.of("http://127.0.0.1:" + server.otlpHttpPort());
    AggregatedHttpResponse res =
        otlp.execute(
            RequestHeaders.builder(HttpMethod.POST, "/v1/traces")
                .contentType(MediaType.JSON)
                .build(),
            "{not json".getBytes(StandardCharsets.UTF_8));
    assertThat(res.status().code()).isEqualTo(400);
    assertThat(query.get("/api/traces/not-hex").status().code()).isEqualTo(400);
    String traceId =
        sendTrace(
            OtlpHttpSpanExporter.builder()
                .setEndpoint("http://127.0.0.1:" + server.otlpHttpPort() + "/v1/traces")
                .build(),
            "after");
    assertThat(get("/api/traces/" + traceId, "application/json").status().code()).isEqualTo(200);
  }
}
