package dev.vivace.query.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.testing.junit5.server.ServerExtension;
import dev.vivace.search.SearchEngine;
import dev.vivace.search.SearchRequest;
import dev.vivace.search.SearchSink;
import dev.vivace.search.TraceMatch;
import dev.vivace.search.TraceMatcher;
import dev.vivace.search.TraceSearcher;
import dev.vivace.trace.TraceId;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code /api/search}, legacy tag searches included, over a tier that evaluates the query on real
 * OTLP traces with the search module's {@link TraceMatcher}.
 */
class OtlpSearchTest {

  static final long START = 1_700_000_000_000_000_000L;
  static final String CHECKOUT_ID = "5b8efff798038103d269b633813fc700";
  static final String CART_ID = "00000000000000000000000000000c47";

  static KeyValue attr(String key, AnyValue value) {
    return KeyValue.newBuilder().setKey(key).setValue(value).build();
  }

  static KeyValue text(String key, String value) {
    return attr(key, AnyValue.newBuilder().setStringValue(value).build());
  }

  static Span span(
      String traceId,
      String spanId,
      String parentId,
      String name,
      long startOffsetMs,
      long durationMs,
      Status.StatusCode status,
      KeyValue... attributes) {
    Span.Builder b =
        Span.newBuilder()
            .setTraceId(ByteString.copyFrom(HexFormat.of().parseHex(traceId)))
            .setSpanId(ByteString.copyFrom(HexFormat.of().parseHex(spanId)))
            .setName(name)
            .setKind(Span.SpanKind.SPAN_KIND_SERVER)
            .setStartTimeUnixNano(START + startOffsetMs * 1_000_000L)
            .setEndTimeUnixNano(START + (startOffsetMs + durationMs) * 1_000_000L)
            .setStatus(Status.newBuilder().setCode(status))
            .addAllAttributes(List.of(attributes));
    if (!parentId.isEmpty()) {
      b.setParentSpanId(ByteString.copyFrom(HexFormat.of().parseHex(parentId)));
    }
    return b.build();
  }

  static ResourceSpans batch(String service, Span... spans) {
    return ResourceSpans.newBuilder()
        .setResource(Resource.newBuilder().addAttributes(text("service.name", service)))
        .addScopeSpans(ScopeSpans.newBuilder().addAllSpans(List.of(spans)))
        .build();
  }

  static final Map<String, List<ResourceSpans>> TRACES =
      Map.of(
          CHECKOUT_ID,
          List.of(
              batch(
                  "checkout-api",
                  span(
                      CHECKOUT_ID,
                      "00000000000000a1",
                      "",
                      "POST /checkout",
                      0,
                      600,
                      Status.StatusCode.STATUS_CODE_ERROR,
                      text("http.method", "POST"),
                      attr("http.status_code", AnyValue.newBuilder().setIntValue(500).build()),
                      text("region", "eu")),
                  span(
                      CHECKOUT_ID,
                      "00000000000000a2",
                      "00000000000000a1",
                      "db",
                      10,
                      20,
                      Status.StatusCode.STATUS_CODE_UNSET))),
          CART_ID,
          List.of(
              batch(
                  "cart",
                  span(
                      CART_ID,
                      "00000000000000b1",
                      "",
                      "GET /cart",
                      1_000,
                      5,
                      Status.StatusCode.STATUS_CODE_OK,
                      text("http.method", "GET"),
                      attr("http.status_code", AnyValue.newBuilder().setIntValue(200).build())))));

  /** Evaluates the request on each held trace, as a recent tier does. */
  static final TraceSearcher tier =
      new TraceSearcher() {
        @Override
        public void search(String tenant, SearchRequest request, SearchSink sink) {
          sink.metrics().jobsPlanned(1);
          TRACES.forEach(
              (id, batches) -> {
                TraceMatch match = TraceMatcher.match(request, TraceId.parse(id), batches);
                if (match != null) {
                  sink.offer(match);
                }
              });
          sink.metrics().jobCompleted();
        }
      };

  static final ExecutorService executor = Executors.newCachedThreadPool();

  @RegisterExtension
  static final ServerExtension server =
      new ServerExtension() {
        @Override
        protected void configure(ServerBuilder sb) {
          QueryApi.builder(SearchApiTest.NO_TRACES)
              .search(new SearchEngine(List.of(tier), List.of(), executor))
              .build()
              .addTo(sb);
        }
      };

  @AfterAll
  static void stop() {
    executor.shutdownNow();
  }

  static final ObjectMapper mapper = new ObjectMapper();

  static List<String> found(String query) throws Exception {
    AggregatedHttpResponse res = SearchApiTest.get(server, "/api/search?" + query, null);
    assertThat(res.status().code()).as(query).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    JsonNode traces = mapper.readTree(res.contentUtf8()).get("traces");
    if (traces != null) {
      for (JsonNode trace : traces) {
        ids.add(trace.get("traceID").asText());
      }
    }
    return ids;
  }

  static final String CHECKOUT = "5b8efff798038103d269b633813fc700";
  static final String CART = "c47";

  @Test
  void legacyTagSearchesFindTheTracesTempoFinds() throws Exception {
    assertThat(found("tags=" + SearchApiTest.enc("service.name=checkout")))
        .containsExactly(CHECKOUT);
    assertThat(found("tags=" + SearchApiTest.enc("service.name=art"))).containsExactly(CART);
    assertThat(found("tags=" + SearchApiTest.enc("http.status_code=500")))
        .containsExactly(CHECKOUT);
    assertThat(found("tags=" + SearchApiTest.enc("http.status_code=50"))).isEmpty();
    assertThat(found("tags=" + SearchApiTest.enc("status.code=error"))).containsExactly(CHECKOUT);
    assertThat(found("tags=" + SearchApiTest.enc("status.code=ok"))).containsExactly(CART);
    assertThat(found("tags=" + SearchApiTest.enc("region=eu"))).containsExactly(CHECKOUT);
    assertThat(found("tags=" + SearchApiTest.enc("region=e"))).isEmpty();
    assertThat(found("tags=" + SearchApiTest.enc("root.name=checkout"))).containsExactly(CHECKOUT);
    assertThat(found("tags=" + SearchApiTest.enc("root.service.name=cart"))).containsExactly(CART);
    // Both conditions on the same span: the root span is POST, the db span is not.
    assertThat(found("tags=" + SearchApiTest.enc("http.method=POST name=checkout")))
        .containsExactly(CHECKOUT);
    assertThat(found("tags=" + SearchApiTest.enc("http.method=POST name=db"))).isEmpty();
    // Bare parameters, newest first.
    assertThat(found("http.method=T")).containsExactly(CART, CHECKOUT);
    assertThat(found("name=%2Fcart")).containsExactly(CART);
  }

  @Test
  void durationsBoundTheTrace() throws Exception {
    assertThat(found("minDuration=100ms")).containsExactly(CHECKOUT);
    assertThat(found("maxDuration=100ms")).containsExactly(CART);
    assertThat(found("minDuration=5ms&maxDuration=600ms")).containsExactly(CART, CHECKOUT);
    assertThat(found("minDuration=601ms")).isEmpty();
  }

  @Test
  void traceQLResultsHaveOnlyTempoFields() throws Exception {
    AggregatedHttpResponse res =
        SearchApiTest.get(
            server,
            "/api/search?q="
                + SearchApiTest.enc(
                    "{ resource.service.name = \"checkout-api\" && name = \"db\" }"),
            null);
    JsonNode trace = mapper.readTree(res.contentUtf8()).get("traces").get(0);
    assertThat(SearchApiTest.keys(trace)).containsExactlyElementsOf(SearchApiTest.TRACE_KEYS);
    assertThat(trace.get("rootServiceName").asText()).isEqualTo("checkout-api");
    assertThat(trace.get("rootTraceName").asText()).isEqualTo("POST /checkout");
    assertThat(trace.get("durationMs").intValue()).isEqualTo(600);
    JsonNode span = trace.get("spanSets").get(0).get("spans").get(0);
    assertThat(span.get("spanID").asText()).isEqualTo("00000000000000a2");
    assertThat(Set.of("spanID", "name", "startTimeUnixNano", "durationNanos", "attributes"))
        .containsAll(SearchApiTest.keys(span));
    for (JsonNode attribute : span.path("attributes")) {
      assertThat(attribute.get("key").asText())
          .isNotIn("name", "duration", "traceDuration", "rootName", "rootServiceName");
    }
  }
}
