package dev.vivace.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.linecorp.armeria.client.BlockingWebClient;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A trace sent by the OpenTelemetry SDK, found through every search and tag route in the shapes
 * Grafana sends (§3 of the API contract): scoped and unscoped tags, double-encoded tag names with
 * slashes, the extra {@code tag} parameter, and responses holding only the fields Grafana's strict
 * decoder knows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchEndToEndTest {

  /** The fields each object of a search response may have (tempopb.SearchResponse). */
  static final Map<String, Set<String>> SEARCH_FIELDS =
      Map.of(
          "response", Set.of("traces", "metrics"),
          "trace",
              Set.of(
                  "traceID",
                  "rootServiceName",
                  "rootTraceName",
                  "startTimeUnixNano",
                  "durationMs",
                  "spanSet",
                  "spanSets",
                  "serviceStats"),
          "spanSet", Set.of("spans", "matched", "attributes"),
          "span", Set.of("spanID", "name", "startTimeUnixNano", "durationNanos", "attributes"),
          "metrics",
              Set.of(
                  "inspectedTraces",
                  "inspectedBytes",
                  "totalBlocks",
                  "completedJobs",
                  "totalJobs",
                  "totalBlockBytes",
                  "inspectedSpans"),
          "serviceStats", Set.of("spanCount", "errorCount"));

  @TempDir static Path data;
  VivaceServer server;
  BlockingWebClient query;
  String traceId;
  long start;

  @BeforeAll
  void startAndSend() {
    server = VivaceServer.create(InProcess.config(data));
    server.start();
    query = BlockingWebClient.of("http://127.0.0.1:" + server.queryPort());
    start = System.currentTimeMillis() / 1000 - 60;
    try (SdkTracerProvider provider =
        SdkTracerProvider.builder()
            .setResource(
                Resource.create(
                    Attributes.of(
                        AttributeKey.stringKey("service.name"), "shop-backend",
                        AttributeKey.stringKey("k8s.namespace.name"), "prod")))
            .addSpanProcessor(
                BatchSpanProcessor.builder(
                        OtlpGrpcSpanExporter.builder()
                            .setEndpoint("http://127.0.0.1:" + server.otlpGrpcPort())
                            .build())
                    .build())
            .build()) {
      Tracer tracer = provider.get("shop");
      Span root =
          tracer
              .spanBuilder("POST /checkout")
              .setSpanKind(SpanKind.SERVER)
              .setAttribute("http.request.method", "POST")
              .setAttribute("http.response.status_code", 500L)
              .setAttribute("route/with/slash", "a/b")
              .startSpan();
      try (Scope ignored = root.makeCurrent()) {
        Span child = tracer.spanBuilder("charge card").setSpanKind(SpanKind.CLIENT).startSpan();
        child.setStatus(StatusCode.ERROR, "declined");
        child.addEvent("exception", Attributes.of(AttributeKey.stringKey("exception.type"), "E"));
        child.end();
      }
      root.end();
      traceId = root.getSpanContext().getTraceId();
      assertThat(provider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
    }
  }

  @AfterAll
  void stop() {
    server.close();
  }

  private JsonNode getJson(String pathAndQuery) throws Exception {
    AggregatedHttpResponse res =
        query.prepare().get(pathAndQuery).header("accept", "application/json").execute();
    assertThat(res.status().code()).as(pathAndQuery + ": " + res.contentUtf8()).isEqualTo(200);
    return new ObjectMapper().readTree(res.contentUtf8());
  }

  private String window() {
    return "&start=" + start + "&end=" + (start + 3600);
  }

  @Test
  void traceQlSearchAsGrafanaSendsIt() throws Exception {
    JsonNode body =
        getJson(
            "/api/search?q="
                + enc("{resource.service.name=\"shop-backend\" && status=error}")
                + "&limit=20&spss=3"
                + window());

    assertStrictSearchFields(body);
    JsonNode trace = body.path("traces").get(0);
    assertThat(trace.path("traceID").asText()).isEqualTo(traceId.replaceFirst("^0+", ""));
    assertThat(trace.path("rootServiceName").asText()).isEqualTo("shop-backend");
    assertThat(trace.path("rootTraceName").asText()).isEqualTo("POST /checkout");
    assertThat(trace.path("spanSets").get(0).path("matched").asInt()).isEqualTo(1);
    assertThat(trace.path("serviceStats").path("shop-backend").path("spanCount").asInt())
        .isEqualTo(2);
    assertThat(trace.path("serviceStats").path("shop-backend").path("errorCount").asInt())
        .isEqualTo(1);
    List<String> keys = new ArrayList<>();
    trace
        .path("spanSets")
        .get(0)
        .path("spans")
        .get(0)
        .path("attributes")
        .forEach(a -> keys.add(a.path("key").asText()));
    assertThat(keys).containsExactlyInAnyOrder("service.name", "status");
  }

  @Test
  void legacyTagSearchAndBareParameters() throws Exception {
    JsonNode tags =
        getJson("/api/search?tags=" + enc("service.name=shop name=\"charge card\"") + window());
    assertThat(tags.path("traces")).hasSize(1);
    // Without q, tags, start and end, other parameters are tags, over recent data.
    JsonNode bare = getJson("/api/search?service.name=shop-backend");
    assertThat(bare.path("traces")).hasSize(1);
    assertStrictSearchFields(bare);
  }

  @Test
  void tagsV1AndV2() throws Exception {
    JsonNode v2 = getJson("/api/v2/search/tags?limit=5000" + window());
    List<String> resource = new ArrayList<>();
    List<String> span = new ArrayList<>();
    List<String> intrinsic = new ArrayList<>();
    for (JsonNode scope : v2.path("scopes")) {
      List<String> into =
          switch (scope.path("name").asText()) {
            case "resource" -> resource;
            case "span" -> span;
            case "intrinsic" -> intrinsic;
            default -> new ArrayList<>();
          };
      scope.path("tags").forEach(t -> into.add(t.asText()));
    }
    assertThat(resource).contains("service.name", "k8s.namespace.name");
    assertThat(span)
        .contains("http.request.method", "http.response.status_code", "route/with/slash");
    assertThat(intrinsic).contains("name", "status", "duration", "kind");

    JsonNode v1 = getJson("/api/search/tags" + "?" + window().substring(1));
    List<String> names = new ArrayList<>();
    v1.path("tagNames").forEach(t -> names.add(t.asText()));
    assertThat(names).contains("service.name", "route/with/slash");
  }

  @Test
  void tagValuesWithDoubleEncodedNamesAndTheExtraTagParameter() throws Exception {
    // Grafana's browser encodes the name twice and its proxy decodes once: %252F arrives as %2F.
    String encoded = "span.route%2Fwith%2Fslash";
    JsonNode v2 =
        getJson("/api/v2/search/tag/" + encoded + "/values?limit=5000&tag=" + encoded + window());
    assertThat(v2.path("tagValues")).hasSize(1);
    assertThat(v2.path("tagValues").get(0).path("type").asText()).isEqualTo("string");
    assertThat(v2.path("tagValues").get(0).path("value").asText()).isEqualTo("a/b");

    JsonNode ints =
        getJson("/api/v2/search/tag/span.http.response.status_code/values?limit=5000" + window());
    assertThat(ints.path("tagValues").get(0).path("type").asText()).isEqualTo("int");
    assertThat(ints.path("tagValues").get(0).path("value").asText()).isEqualTo("500");

    JsonNode filtered =
        getJson(
            "/api/v2/search/tag/name/values?q="
                + enc("{resource.service.name=\"shop-backend\" && kind=client}")
                + window());
    List<String> spanNames = new ArrayList<>();
    filtered.path("tagValues").forEach(v -> spanNames.add(v.path("value").asText()));
    assertThat(spanNames).containsExactly("charge card");

    JsonNode v1 = getJson("/api/search/tag/route%2Fwith%2Fslash/values?" + window().substring(1));
    assertThat(v1.path("tagValues").get(0).asText()).isEqualTo("a/b");
  }

  private static String enc(String s) {
    return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
  }

  static void assertStrictSearchFields(JsonNode body) {
    assertFields("response", body);
    assertFields("metrics", body.path("metrics"));
    for (JsonNode trace : body.path("traces")) {
      assertFields("trace", trace);
      for (JsonNode set : trace.path("spanSets")) {
        assertFields("spanSet", set);
        set.path("spans").forEach(s -> assertFields("span", s));
      }
      assertFields("spanSet", trace.path("spanSet"));
      trace.path("serviceStats").forEach(s -> assertFields("serviceStats", s));
    }
  }

  private static void assertFields(String kind, JsonNode node) {
    if (node.isMissingNode()) {
      return;
    }
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    assertThat(SEARCH_FIELDS.get(kind)).as(kind).containsAll(names);
  }
}
