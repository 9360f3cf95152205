package dev.vivace.query.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.linecorp.armeria.client.BlockingWebClient;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.testing.junit5.server.ServerExtension;
import dev.vivace.ingester.LiveTraceStore;
import dev.vivace.tempopb.PartialStatus;
import dev.vivace.tempopb.Trace;
import dev.vivace.tempopb.TraceByIDResponse;
import dev.vivace.tenant.Tenancy;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class QueryApiTest {

  static final LiveTraceStore store = LiveTraceStore.builder().build();

  @RegisterExtension
  static final ServerExtension server =
      new ServerExtension() {
        @Override
        protected void configure(ServerBuilder sb) {
          QueryApi.builder(List.of(store))
              .tenancy(Tenancy.MULTI)
              .maxBytesPerTrace(tenant -> tenant.equals("small") ? 300 : 0)
              .buildInfo(BuildInfo.of("1.2.3"))
              .build()
              .addTo(sb);
        }
      };

  @RegisterExtension
  static final ServerExtension prefixed =
      new ServerExtension() {
        @Override
        protected void configure(ServerBuilder sb) {
          QueryApi.builder(List.of(store)).prefix("/tempo").build().addTo(sb);
        }
      };

  static final String FULL_ID = "5b8efff798038103d269b633813fc700";
  static final String SHORT_ID = "d269b633813fc700";

  static Span span(String traceHex, String spanHex, String name) {
    return Span.newBuilder()
        .setTraceId(ByteString.copyFrom(HexFormat.of().parseHex(traceHex)))
        .setSpanId(ByteString.copyFrom(HexFormat.of().parseHex(spanHex)))
        .setName(name)
        .setKind(Span.SpanKind.SPAN_KIND_CLIENT)
        .setStartTimeUnixNano(1700000000000000000L)
        .addAttributes(
            KeyValue.newBuilder().setKey("n").setValue(AnyValue.newBuilder().setIntValue(42)))
        .build();
  }

  static List<ResourceSpans> batch(Span... spans) {
    return List.of(
        ResourceSpans.newBuilder()
            .setResource(
                Resource.newBuilder()
                    .addAttributes(
                        KeyValue.newBuilder()
                            .setKey("service.name")
                            .setValue(AnyValue.newBuilder().setStringValue("checkout"))))
            .addScopeSpans(ScopeSpans.newBuilder().addAllSpans(List.of(spans)))
            .build());
  }

  @BeforeAll
  static void load() {
    store.push("t1", batch(span(FULL_ID, "eee19b7ec3c1b100", "GET /cart")));
    store.push("t2", batch(span(FULL_ID, "0000000000000002", "other tenant")));
    store.push("t1", batch(span("0000000000000000" + SHORT_ID, "0000000000000003", "short")));
    Span[] many = new Span[20];
    for (int i = 0; i < many.length; i++) {
      many[i] = span(FULL_ID, String.format("%016x", i + 10), "span number " + i);
    }
    store.push("small", batch(many));
    store.push("single-tenant", batch(span(FULL_ID, "0000000000000009", "prefixed")));
  }

  AggregatedHttpResponse get(String path, String tenant, String accept) {
    return get(server, path, tenant, accept);
  }

  static AggregatedHttpResponse get(ServerExtension s, String path, String tenant, String accept) {
    var h = RequestHeaders.builder(HttpMethod.GET, path);
    if (tenant != null) {
      h.add("X-Scope-OrgID", tenant);
    }
    if (accept != null) {
      h.add("Accept", accept);
    }
    return BlockingWebClient.of(s.httpUri()).execute(h.build());
  }

  @Test
  void v1Protobuf() throws Exception {
    AggregatedHttpResponse res = get("/api/traces/" + FULL_ID, "t1", "application/protobuf");
    assertThat(res.status().code()).isEqualTo(200);
    assertThat(res.contentType().toString()).isEqualTo("application/protobuf");
    Trace trace = Trace.parseFrom(res.content().array());
    assertThat(trace.getResourceSpansCount()).isEqualTo(1);
    Span span = trace.getResourceSpans(0).getScopeSpans(0).getSpans(0);
    assertThat(span.getName()).isEqualTo("GET /cart");
    assertThat(span.hasStatus()).isTrue();
    assertThat(trace.getResourceSpans(0).getScopeSpans(0).hasScope()).isTrue();
  }

  @Test
  void v1JsonUsesBatchesBase64IdsEnumNamesAndStringInt64() {
    AggregatedHttpResponse res = get("/api/traces/" + FULL_ID, "t1", null);
    assertThat(res.contentType().toString()).startsWith("application/json");
    assertThat(res.contentUtf8())
        .isEqualTo(
            "{\"batches\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\",\"value\":{\"stringValue\":"
                + "\"checkout\"}}]},\"scopeSpans\":[{\"scope\":{},\"spans\":[{\"traceId\":\"W47/95gDgQPSabYzgT/HAA==\",\"spanId\":\"7uGbfsPBsQA=\",\"name\":\"GET"
                + " /cart\",\"kind\":\"SPAN_KIND_CLIENT\","
                + "\"startTimeUnixNano\":\"1700000000000000000\",\"attributes\":[{\"key\":\"n\",\"value\":"
                + "{\"intValue\":\"42\"}}],\"status\":{}}]}]}]}");
    // application/x-protobuf is not application/protobuf: Tempo answers JSON.
    assertThat(get("/api/traces/" + FULL_ID, "t1", "application/x-protobuf").contentUtf8())
        .startsWith("{\"batches\":");
  }

  @Test
  void v1NotFoundIs404WithEmptyBody() {
    AggregatedHttpResponse res = get("/api/traces/1234", "t1", "application/protobuf");
    assertThat(res.status().code()).isEqualTo(404);
    assertThat(res.content().isEmpty()).isTrue();
  }

  @Test
  void v2NotFoundIsAnEmptyTrace() {
    AggregatedHttpResponse res = get("/api/v2/traces/1234", "t1", "application/protobuf");
    assertThat(res.status().code()).isEqualTo(200);
    assertThat(res.content().array()).containsExactly(0x0a, 0x00, 0x12, 0x00);
    assertThat(get("/api/v2/traces/1234", "t1", "application/json").contentUtf8())
        .isEqualTo("{\"trace\":{},\"metrics\":{}}");
  }

  @Test
  void v2Found() throws Exception {
    AggregatedHttpResponse res = get("/api/v2/traces/" + FULL_ID, "t1", "application/protobuf");
    TraceByIDResponse body = TraceByIDResponse.parseFrom(res.content().array());
    assertThat(body.getTrace().getResourceSpansCount()).isEqualTo(1);
    assertThat(body.getMetrics().getInspectedBytes()).isPositive();
    assertThat(body.getStatus()).isEqualTo(PartialStatus.COMPLETE);
    assertThat(get("/api/v2/traces/" + FULL_ID, "t1", null).contentUtf8())
        .startsWith("{\"trace\":{\"resourceSpans\":[{\"resource\":")
        .contains("\"metrics\":{\"inspectedBytes\":\"");
  }

  @Test
  void shortIdsAreLeftPadded() {
    assertThat(get("/api/traces/" + SHORT_ID, "t1", null).status().code()).isEqualTo(200);
    assertThat(get("/api/traces/" + SHORT_ID.toUpperCase(), "t1", null).status().code())
        .isEqualTo(200);
    assertThat(get("/api/traces/0" + SHORT_ID, "t1", null).status().code()).isEqualTo(200);
  }

  @Test
  void badIdsAndParamsAre400WithText() {
    AggregatedHttpResponse res = get("/api/traces/xyz", "t1", null);
    assertThat(res.status().code()).isEqualTo(400);
    assertThat(res.contentType().toString()).startsWith("text/plain");
    assertThat(res.contentUtf8())
        .isEqualTo(
            "trace IDs can only contain hex characters: invalid character 'x' at position 1");
    assertThat(get("/api/v2/traces/" + FULL_ID + "00", "t1", null).contentUtf8())
        .isEqualTo("trace IDs can't be larger than 128 bits");
    assertThat(get("/api/traces/" + FULL_ID + "?start=abc", "t1", null).contentUtf8())
        .isEqualTo("invalid start: strconv.ParseInt: parsing \"abc\": invalid syntax");
    assertThat(get("/api/traces/" + FULL_ID + "?start=20&end=10", "t1", null).contentUtf8())
        .isEqualTo("http parameter start must be before end. received start=20 end=10");
    assertThat(get("/api/traces/" + FULL_ID + "?mode=fast", "t1", null).contentUtf8())
        .isEqualTo("invalid value for mode fast");
    assertThat(
            get("/api/traces/" + FULL_ID + "?start=1&end=4000000000&mode=all", "t1", null)
                .status()
                .code())
        .isEqualTo(200);
    assertThat(get("/api/traces/", "t1", null).status().code()).isEqualTo(404);
  }

  @Test
  void tenants() {
    AggregatedHttpResponse res = get("/api/traces/" + FULL_ID, null, null);
    assertThat(res.status().code()).isEqualTo(401);
    assertThat(res.contentUtf8()).isEqualTo("no org id\n");
    assertThat(get("/api/traces/" + FULL_ID, "nobody", null).status().code()).isEqualTo(404);
    assertThat(get("/api/traces/" + FULL_ID, "a#b", null).contentUtf8())
        .isEqualTo("tenant ID 'a#b' contains unsupported character '#'");
    assertThat(get("/api/traces/" + FULL_ID, "t2", null).contentUtf8())
        .contains("other tenant")
        .doesNotContain("GET /cart");
    assertThat(get("/api/traces/" + FULL_ID, "t1|t2", null).contentUtf8())
        .contains("other tenant")
        .contains("GET /cart");
  }

  @Test
  void oversizedTraces() throws Exception {
    AggregatedHttpResponse v1 = get("/api/traces/" + FULL_ID, "small", null);
    assertThat(v1.status().code()).isEqualTo(422);
    assertThat(v1.contentUtf8()).isEqualTo("trace exceeds max size (max bytes: 300)");

    AggregatedHttpResponse v2 = get("/api/v2/traces/" + FULL_ID, "small", "application/protobuf");
    TraceByIDResponse body = TraceByIDResponse.parseFrom(v2.content().array());
    assertThat(body.getStatus()).isEqualTo(PartialStatus.PARTIAL);
    assertThat(body.getMessage())
        .isEqualTo("Trace exceeds maximum size of 300 bytes, a partial trace is returned");
    assertThat(body.getTrace().getSerializedSize()).isLessThanOrEqualTo(300);
    assertThat(body.getTrace().getResourceSpans(0).getScopeSpans(0).getSpansCount())
        .isBetween(1, 19);
  }

  @Test
  void echoAndBuildInfo() {
    AggregatedHttpResponse echo = BlockingWebClient.of(server.httpUri()).post("/api/echo", "");
    assertThat(echo.status().code()).isEqualTo(200);
    assertThat(echo.contentUtf8()).isEqualTo("echo\n");
    assertThat(echo.contentType().toString()).isEqualTo("text/plain; charset=utf-8");
    assertThat(get("/api/status/buildinfo", null, null).contentUtf8())
        .isEqualTo(
            "{\"version\":\"2.10.3\",\"revision\":\"vivace-1.2.3\",\"branch\":\"HEAD\",\"buildUser\":\"\",\"buildDate\":\"\",\"goVersion\":\"\"}\n");
  }

  @Test
  void prefix() {
    assertThat(get(prefixed, "/tempo/api/traces/" + FULL_ID, null, null).contentUtf8())
        .contains("prefixed");
    assertThat(get(prefixed, "/tempo/api/echo", null, null).contentUtf8()).isEqualTo("echo\n");
    assertThat(get(prefixed, "/api/echo", null, null).status().code()).isEqualTo(404);
  }
}
