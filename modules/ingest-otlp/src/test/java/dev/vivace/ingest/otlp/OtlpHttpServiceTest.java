package dev.vivace.ingest.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.linecorp.armeria.client.BlockingWebClient;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import dev.vivace.ingester.IngestLimits;
import dev.vivace.query.TimeRange;
import dev.vivace.tenant.Tenancy;
import dev.vivace.trace.TraceCombiner;
import dev.vivace.trace.TraceId;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class OtlpHttpServiceTest {

  static final MediaType PROTOBUF = MediaType.parse("application/x-protobuf");

  @RegisterExtension
  static final OtlpServer server =
      new OtlpServer(Tenancy.SINGLE, new IngestLimits(4000, 0), 64 * 1024, 64 * 1024);

  static final String JSON =
      "{\"resourceSpans\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\","
          + "\"value\":{\"stringValue\":\"curl\"}}]},\"scope_spans\":[{\"scope\":{\"name\":\"s\"},"
          + "\"spans\":[{\"traceId\":\"5B8EFFF798038103D269B633813FC700\","
          + "\"spanId\":\"eee19b7ec3c1b100\",\"parentSpanId\":\"\",\"name\":\"GET /\","
          + "\"kind\":2,\"startTimeUnixNano\":\"1700000000000000000\","
          + "\"end_time_unix_nano\":1700000000250000000,"
          + "\"attributes\":[{\"key\":\"n\",\"value\":{\"intValue\":42}}],"
          + "\"status\":{\"code\":\"STATUS_CODE_ERROR\"},\"someFutureField\":{\"x\":1},"
          + "\"links\":[{\"traceId\":\"0102030405060708090a0b0c0d0e0f10\","
          + "\"spanId\":\"0102030405060708\"}]}]}]}]}";

  final BlockingWebClient client = server.blockingWebClient();

  AggregatedHttpResponse post(MediaType type, byte[] body, String... headers) {
    var b = RequestHeaders.builder(HttpMethod.POST, "/v1/traces").contentType(type);
    for (int i = 0; i < headers.length; i += 2) {
      b.add(headers[i], headers[i + 1]);
    }
    return client.execute(
        HttpRequest.of(b.build(), com.linecorp.armeria.common.HttpData.wrap(body)));
  }

  static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    }
    return out.toByteArray();
  }

  static ExportTraceServiceRequest request(int traceByte, String name, int spanIdLength) {
    byte[] trace = new byte[16];
    trace[15] = (byte) traceByte;
    byte[] span = new byte[spanIdLength];
    if (spanIdLength > 0) {
      span[spanIdLength - 1] = 1;
    }
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder()
                .addScopeSpans(
                    ScopeSpans.newBuilder()
                        .addSpans(
                            Span.newBuilder()
                                .setTraceId(ByteString.copyFrom(trace))
                                .setSpanId(ByteString.copyFrom(span))
                                .setName(name)
                                .addAttributes(
                                    KeyValue.newBuilder()
                                        .setKey("big")
                                        .setValue(
                                            AnyValue.newBuilder()
                                                .setStringValue("é".repeat(100)))))))
        .build();
  }

  @Test
  void otlpJsonWithHexIdsEnumsAndSnakeCase() throws Exception {
    AggregatedHttpResponse res =
        post(
            MediaType.JSON,
            gzip(JSON.getBytes(StandardCharsets.UTF_8)),
            "content-encoding",
            "gzip");

    assertThat(res.status().code()).isEqualTo(200);
    assertThat(res.contentType().is(MediaType.JSON)).isTrue();
    assertThat(res.contentUtf8()).isEqualTo("{\"partialSuccess\":{}}");
    List<ResourceSpans> trace =
        TraceCombiner.combine(
            server
                .store
                .find(
                    "single-tenant",
                    TraceId.parse("5b8efff798038103d269b633813fc700"),
                    TimeRange.ALL)
                .fragments());
    Span span = trace.get(0).getScopeSpans(0).getSpans(0);
    assertThat(TraceId.hex(span.getSpanId().toByteArray())).isEqualTo("eee19b7ec3c1b100");
    assertThat(span.getParentSpanId().isEmpty()).isTrue();
    assertThat(span.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER);
    assertThat(span.getEndTimeUnixNano()).isEqualTo(1700000000250000000L);
    assertThat(span.getAttributes(0).getValue().getIntValue()).isEqualTo(42);
    assertThat(span.getStatus().getCode())
        .isEqualTo(io.opentelemetry.proto.trace.v1.Status.StatusCode.STATUS_CODE_ERROR);
    assertThat(TraceId.hex(span.getLinks(0).getSpanId().toByteArray()))
        .isEqualTo("0102030405060708");
  }

  @Test
  void protobufSuccessIsEmptyPartialSuccessAndTruncatesAttributes() throws Exception {
    AggregatedHttpResponse res = post(PROTOBUF, request(2, "ok", 8).toByteArray());
    assertThat(res.status().code()).isEqualTo(200);
    assertThat(res.content().array()).containsExactly(0x0a, 0x00);
    Span stored =
        server
            .store
            .find("single-tenant", TraceId.parse("2"), TimeRange.ALL)
            .fragments()
            .get(0)
            .getScopeSpans(0)
            .getSpans(0);
    // 64 bytes at most, and no "é" (2 bytes) is split.
    assertThat(stored.getAttributes(0).getValue().getStringValue()).isEqualTo("é".repeat(32));
  }

  @Test
  void malformedBodiesAre400WithAStatusInTheRequestEncoding() {
    AggregatedHttpResponse res = post(PROTOBUF, new byte[] {(byte) 0xff, 1, 2});
    assertThat(res.status().code()).isEqualTo(400);
    assertThat(res.contentType().toString()).isEqualTo("application/x-protobuf");
    assertThat(res.content().array()[0]).isEqualTo((byte) 0x08); // code = 3 (INVALID_ARGUMENT)
    assertThat(res.content().array()[1]).isEqualTo((byte) 3);

    res = post(MediaType.JSON, "{\"resourceSpans\":[".getBytes(StandardCharsets.UTF_8));
    assertThat(res.status().code()).isEqualTo(400);
    assertThat(res.contentUtf8()).startsWith("{\"code\":3,\"message\":\"invalid JSON: ");

    res =
        post(
            MediaType.JSON,
            JSON.replace("\"kind\":2", "\"kind\":\"SPAN_KIND_BOGUS\"")
                .getBytes(StandardCharsets.UTF_8));
    assertThat(res.contentUtf8())
        .isEqualTo(
            "{\"code\":3,\"message\":\"invalid OTLP/JSON: unknown SpanKind 'SPAN_KIND_BOGUS'\"}");

    res =
        post(
            MediaType.JSON,
            JSON.replace("eee19b7ec3c1b100", "zz").getBytes(StandardCharsets.UTF_8));
    assertThat(res.contentUtf8())
        .isEqualTo(
            "{\"code\":3,\"message\":\"invalid OTLP/JSON: 'spanId' must be 16 hex digits, got"
                + " 'zz'\"}");
    assertThat(
            server
                .registry
                .get("vivace_distributor_malformed_requests")
                .tag("transport", "http")
                .counter()
                .count())
        .isGreaterThanOrEqualTo(4);
  }

  @Test
  void badIdsRefuseTheWholeRequest() {
    AggregatedHttpResponse res =
        post(
            MediaType.JSON,
            JSON.replace("5B8EFFF798038103D269B633813FC700", "d269b633813fc700")
                .getBytes(StandardCharsets.UTF_8));
    assertThat(res.status().code()).isEqualTo(400);
    assertThat(res.contentUtf8())
        .isEqualTo("{\"code\":3,\"message\":\"trace ids must be 128 bit, received 64 bits\"}");

    res = post(PROTOBUF, request(3, "zero span id", 0).toByteArray());
    assertThat(res.status().code()).isEqualTo(400);
    assertThat(server.store.find("single-tenant", TraceId.parse("3"), TimeRange.ALL).isEmpty())
        .isTrue();
  }

  @Test
  void wrongMethodTypeAndEncoding() throws Exception {
    assertThat(client.get("/v1/traces").status().code()).isEqualTo(405);
    assertThat(client.get("/v1/traces").contentUtf8())
        .isEqualTo("405 method not allowed, supported: [POST]");

    AggregatedHttpResponse res = post(MediaType.parse("application/protobuf"), new byte[0]);
    assertThat(res.status().code()).isEqualTo(415);
    assertThat(res.contentUtf8())
        .isEqualTo(
            "415 unsupported media type, supported: [application/json, application/x-protobuf]");

    res = post(MediaType.JSON, "{}".getBytes(StandardCharsets.UTF_8), "content-encoding", "br");
    assertThat(res.status().code()).isEqualTo(400);
    assertThat(res.contentUtf8())
        .isEqualTo("{\"code\":3,\"message\":\"unsupported Content-Encoding: br\"}");
  }

  @Test
  void oversizedBodiesAre413EvenWhenCompressed() throws Exception {
    byte[] big = new byte[70 * 1024];
    AggregatedHttpResponse res = post(PROTOBUF, big);
    assertThat(res.status().code()).isEqualTo(413);

    res =
        post(
            MediaType.JSON,
            gzip(("{\"x\":\"" + "a".repeat(70 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8)),
            "content-encoding",
            "gzip");
    assertThat(res.status().code()).isEqualTo(413);
    assertThat(res.contentUtf8())
        .isEqualTo("{\"code\":8,\"message\":\"request body too large: more than 65536 bytes\"}");
    // The server keeps serving others.
    assertThat(post(PROTOBUF, request(4, "after", 8).toByteArray()).status().code()).isEqualTo(200);
  }

  @Test
  void limitsGivePartialSuccessOr429() throws Exception {
    // max_bytes_per_trace is 4000 here: one small trace fits, a large one does not.
    ExportTraceServiceRequest mixed =
        request(5, "small", 8).toBuilder()
            .addResourceSpans(request(6, "x".repeat(5000), 8).getResourceSpans(0))
            .build();
    AggregatedHttpResponse res = post(PROTOBUF, mixed.toByteArray());
    assertThat(res.status().code()).isEqualTo(200);
    ExportTraceServiceResponse body = ExportTraceServiceResponse.parseFrom(res.content().array());
    assertThat(body.getPartialSuccess().getRejectedSpans()).isEqualTo(1);
    assertThat(body.getPartialSuccess().getErrorMessage())
        .startsWith("TRACE_TOO_LARGE: max size of trace (4000 bytes) exceeded");

    res = post(PROTOBUF, request(7, "y".repeat(5000), 8).toByteArray());
    assertThat(res.status().code()).isEqualTo(429);
    assertThat(res.headers().get(HttpHeaderNames.RETRY_AFTER)).isNull();
    assertThat(
            server
                .registry
                .get("tempo_discarded_spans")
                .tag("reason", "trace_too_large")
                .tag("tenant", "single-tenant")
                .counter()
                .count())
        .isEqualTo(2);
  }
}
