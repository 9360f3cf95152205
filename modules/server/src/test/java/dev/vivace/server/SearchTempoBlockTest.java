package dev.vivace.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.linecorp.armeria.client.BlockingWebClient;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.QueryParams;
import com.linecorp.armeria.common.RequestHeaders;
import dev.vivace.tempopb.Trace;
import dev.vivace.testing.TempoFixtures;
import dev.vivace.trace.TraceId;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Search over the block Tempo wrote (the vParquet4 fixture, with dedicated columns), checked
 * against an oracle: each query's expected spans are picked by a plain predicate over the traces
 * that trace-by-ID returns. The same traces are then sent to a second server and searched live.
 */
class SearchTempoBlockTest {

  static final Path FIXTURE =
      TempoFixtures.root()
          .resolve(
              "tempodb/encoding/vparquet4/test-data/"
                  + TempoFixtures.VPARQUET4_TENANT
                  + "/"
                  + TempoFixtures.VPARQUET4_BLOCK_ID);
  static final int TRACES = 134;
  static final long START = Instant.parse("2022-07-04T11:11:09Z").getEpochSecond() - 3600;
  static final long END = Instant.parse("2022-07-04T11:11:35Z").getEpochSecond() + 3600;

  @TempDir Path blocksData;
  @TempDir Path liveData;

  /** A span with what the oracle's predicates look at. */
  record SpanCtx(Resource resource, Span span) {
    Optional<AnyValue> resourceAttr(String key) {
      return find(resource.getAttributesList(), key);
    }

    Optional<AnyValue> spanAttr(String key) {
      return find(span.getAttributesList(), key);
    }

    static Optional<AnyValue> find(List<KeyValue> kvs, String key) {
      return kvs.stream().filter(kv -> kv.getKey().equals(key)).map(KeyValue::getValue).findFirst();
    }
  }

  @Test
  void blockAndLiveSearchesAgreeWithTheOracle() throws Exception {
    Path target = blocksData.resolve("blocks/single-tenant/" + FIXTURE.getFileName());
    Files.createDirectories(target);
    try (Stream<Path> files = Files.list(FIXTURE)) {
      for (Path f : files.toList()) {
        Files.copy(f, target.resolve(f.getFileName()));
      }
    }
    Map<String, List<ResourceSpans>> traces = new TreeMap<>();
    Map<String, Predicate<SpanCtx>> queries = new LinkedHashMap<>();
    try (VivaceServer blocks = VivaceServer.create(InProcess.config(blocksData))) {
      blocks.start();
      Map<String, List<List<String>>> all = search(blocks, "{}");
      assertThat(all).hasSize(TRACES);
      for (String id : all.keySet()) {
        traces.put(id, trace(blocks, id).getResourceSpansList());
      }
      queries.putAll(queriesFor(traces));
      for (Map.Entry<String, Predicate<SpanCtx>> q : queries.entrySet()) {
        assertThat(search(blocks, q.getKey()))
            .as("blocks: " + q.getKey())
            .isEqualTo(oracle(traces, q.getValue()));
      }
    }
    try (VivaceServer live = VivaceServer.create(InProcess.config(liveData))) {
      live.start();
      ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
      traces.values().forEach(request::addAllResourceSpans);
      AggregatedHttpResponse res =
          BlockingWebClient.of("http://127.0.0.1:" + live.otlpHttpPort())
              .execute(
                  RequestHeaders.builder(HttpMethod.POST, "/v1/traces")
                      .contentType(MediaType.parse("application/x-protobuf"))
                      .build(),
                  HttpData.wrap(request.build().toByteArray()));
      assertThat(res.status().code()).isEqualTo(200);
      for (Map.Entry<String, Predicate<SpanCtx>> q : queries.entrySet()) {
        assertThat(search(live, q.getKey()))
            .as("live: " + q.getKey())
            .isEqualTo(oracle(traces, q.getValue()));
      }
    }
  }

  /**
   * Queries on values that occur in the fixture: its first service, span name and the dedicated
   * columns' values, each with the predicate that says which spans it matches.
   */
  static Map<String, Predicate<SpanCtx>> queriesFor(Map<String, List<ResourceSpans>> traces) {
    Map<String, Predicate<SpanCtx>> out = new LinkedHashMap<>();
    List<SpanCtx> spans = spans(traces.values().stream().flatMap(List::stream).toList());
    String service = string(spans.get(0).resourceAttr("service.name"));
    String name = spans.get(spans.size() / 2).span().getName();
    out.put(
        "{resource.service.name=" + quote(service) + "}",
        s -> service.equals(string(s.resourceAttr("service.name"))));
    out.put(
        "{resource.service.name!=" + quote(service) + "}",
        s ->
            s.resourceAttr("service.name").isPresent()
                && !service.equals(string(s.resourceAttr("service.name"))));
    out.put("{name=" + quote(name) + "}", s -> s.span().getName().equals(name));
    out.put(
        "{status=error}",
        s -> s.span().getStatus().getCode() == Status.StatusCode.STATUS_CODE_ERROR);
    out.put(
        "{duration>100ms}",
        s -> s.span().getEndTimeUnixNano() - s.span().getStartTimeUnixNano() > 100_000_000L);
    out.put("{kind=server}", s -> s.span().getKind() == Span.SpanKind.SPAN_KIND_SERVER);
    out.put("{.no.such.attribute=\"x\"}", s -> false);
    for (String key : List.of("ip")) {
      spans.stream()
          .map(s -> s.resourceAttr(key))
          .flatMap(Optional::stream)
          .filter(v -> v.hasStringValue())
          .findFirst()
          .ifPresent(
              v ->
                  out.put(
                      "{resource." + key + "=" + quote(v.getStringValue()) + "}",
                      s -> s.resourceAttr(key).map(v::equals).orElse(false)));
    }
    for (String key : List.of("instance", "version", "region", "sampler.type")) {
      spans.stream()
          .map(s -> s.spanAttr(key))
          .flatMap(Optional::stream)
          .filter(v -> v.hasStringValue())
          .findFirst()
          .ifPresent(
              v ->
                  out.put(
                      "{span." + key + "=" + quote(v.getStringValue()) + "}",
                      s -> s.spanAttr(key).map(v::equals).orElse(false)));
    }
    return out;
  }

  static Map<String, List<List<String>>> oracle(
      Map<String, List<ResourceSpans>> traces, Predicate<SpanCtx> predicate) {
    Map<String, List<List<String>>> out = new TreeMap<>();
    traces.forEach(
        (id, batches) -> {
          TreeSet<String> ids = new TreeSet<>();
          for (SpanCtx s : spans(batches)) {
            if (predicate.test(s)) {
              ids.add(TraceId.hex(s.span().getSpanId().toByteArray()));
            }
          }
          if (!ids.isEmpty()) {
            out.put(id, List.of(new ArrayList<>(ids)));
          }
        });
    return out;
  }

  static List<SpanCtx> spans(List<ResourceSpans> batches) {
    List<SpanCtx> out = new ArrayList<>();
    for (ResourceSpans rs : batches) {
      for (ScopeSpans ss : rs.getScopeSpansList()) {
        for (Span span : ss.getSpansList()) {
          out.add(new SpanCtx(rs.getResource(), span));
        }
      }
    }
    return out;
  }

  static String string(Optional<AnyValue> v) {
    return v.map(AnyValue::getStringValue).orElse("");
  }

  static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  static Trace trace(VivaceServer server, String id) throws IOException {
    AggregatedHttpResponse res =
        BlockingWebClient.of("http://127.0.0.1:" + server.queryPort())
            .execute(
                RequestHeaders.builder(HttpMethod.GET, "/api/traces/" + id)
                    .add("accept", "application/protobuf")
                    .build());
    assertThat(res.status().code()).isEqualTo(200);
    return Trace.parseFrom(res.content().array());
  }

  /** Trace ID (32 hex digits) → its span sets, each the sorted IDs of its spans. */
  static Map<String, List<List<String>>> search(VivaceServer server, String q) throws IOException {
    AggregatedHttpResponse res =
        BlockingWebClient.of("http://127.0.0.1:" + server.queryPort())
            .execute(
                RequestHeaders.of(
                    HttpMethod.GET,
                    "/api/search?"
                        + QueryParams.builder()
                            .add("q", q)
                            .add("start", String.valueOf(START))
                            .add("end", String.valueOf(END))
                            .add("limit", "1000")
                            .add("spss", "0")
                            .build()
                            .toQueryString()));
    assertThat(res.status().code()).as(q + ": " + res.contentUtf8()).isEqualTo(200);
    JsonNode body = new ObjectMapper().readTree(res.contentUtf8());
    Map<String, List<List<String>>> out = new TreeMap<>();
    for (JsonNode trace : body.path("traces")) {
      List<List<String>> sets = new ArrayList<>();
      for (JsonNode set : trace.path("spanSets")) {
        TreeSet<String> ids = new TreeSet<>();
        set.path("spans").forEach(span -> ids.add(span.path("spanID").asText()));
        sets.add(new ArrayList<>(ids));
      }
      String id = trace.path("traceID").asText();
      out.put("0".repeat(32 - id.length()) + id, sets);
    }
    return out;
  }
}
