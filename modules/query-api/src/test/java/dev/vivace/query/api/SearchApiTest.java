package dev.vivace.query.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.testing.junit5.server.ServerExtension;
import dev.vivace.query.TimeRange;
import dev.vivace.query.TraceFinder;
import dev.vivace.query.TraceLookup;
import dev.vivace.search.SearchEngine;
import dev.vivace.search.SearchRequest;
import dev.vivace.search.ServiceStats;
import dev.vivace.search.SpanAttribute;
import dev.vivace.search.SpanMatch;
import dev.vivace.search.SpansetMatch;
import dev.vivace.search.TraceMatch;
import dev.vivace.tempopb.SearchResponse;
import dev.vivace.tempopb.TraceSearchMetadata;
import dev.vivace.tenant.Tenancy;
import dev.vivace.trace.TraceId;
import dev.vivace.traceql.Static;
import dev.vivace.traceql.TraceQL;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code GET /api/search} through a real server, over fake tiers. */
class SearchApiTest {

  static final List<TraceFinder> NO_TRACES = List.of((tenant, id, range) -> TraceLookup.EMPTY);

  static final long T1_START = 1_700_000_001_000_000_000L;

  static final TraceMatch CHECKOUT =
      new TraceMatch(
          TraceId.parse("2f3e0cee77ae5dc9c17ade3689eb2e54"),
          "frontend",
          "POST /checkout",
          T1_START,
          T1_START + 557_900_000L,
          List.of(
              new SpansetMatch(
                  List.of(
                      new SpanMatch(
                          "563d623c76514f8e",
                          null,
                          1_700_000_001_035_000_000L,
                          446_979_497L,
                          List.of(
                              new SpanAttribute("service.name", new Static.StringValue("checkout")),
                              new SpanAttribute(
                                  "status", new Static.StatusValue(Static.StatusCode.ERROR)))),
                      new SpanMatch(
                          "0000000000000002",
                          null,
                          T1_START + 5,
                          1_000,
                          List.of(
                              new SpanAttribute("name", new Static.StringValue("GET /x")),
                              new SpanAttribute("duration", new Static.DurationValue(1_000)),
                              new SpanAttribute("traceDuration", new Static.DurationValue(9)),
                              new SpanAttribute("rootServiceName", new Static.StringValue("f")),
                              new SpanAttribute("rootName", new Static.StringValue("r")),
                              new SpanAttribute(
                                  "kind", new Static.KindValue(Static.SpanKind.SERVER)),
                              new SpanAttribute("http.status_code", new Static.IntValue(500)),
                              new SpanAttribute("ratio", new Static.FloatValue(0.5)),
                              new SpanAttribute("cached", new Static.BoolValue(true)),
                              new SpanAttribute("gone", new Static.NilValue()),
                              new SpanAttribute(
                                  "event:timeSinceStart", new Static.DurationValue(1_500_000))))),
                  4,
                  List.of())),
          Map.of("checkout", new ServiceStats(4, 1), "frontend", new ServiceStats(2, 0)));

  static final TraceMatch NO_ROOT =
      new TraceMatch(
          TraceId.parse("abcd"),
          null,
          null,
          T1_START - 1_000_000_000L,
          T1_START - 1_000_000_000L + 999_999L,
          List.of(
              new SpansetMatch(
                  List.of(new SpanMatch("00000000000000aa", "GET /cart", T1_START, 7, List.of())),
                  1,
                  List.of(new SpanAttribute("count()", new Static.IntValue(1))))),
          Map.of("cart", new ServiceStats(1, 0)));

  static final TraceMatch OTHER_TENANT =
      new TraceMatch(
          TraceId.parse("ef01"),
          "cart",
          "GET /cart",
          T1_START + 1_000_000_000L,
          T1_START + 3_000_000_000L,
          List.of(
              new SpansetMatch(
                  List.of(new SpanMatch("00000000000000bb", null, T1_START, 7, List.of())),
                  1,
                  List.of())),
          Map.of("cart", new ServiceStats(1, 0)));

  static final FakeTier tier =
      new FakeTier(
          Map.of(
              "t1", List.of(NO_ROOT, CHECKOUT),
              "t2", List.of(OTHER_TENANT),
              "partial", List.of(OTHER_TENANT),
              "slow", List.of(OTHER_TENANT),
              "single-tenant", List.of(CHECKOUT)),
          Map.of("partial", "block 0a1b: corrupt", "broken", "block 0c2d: storage unavailable"),
          List.of("slow", "slow-empty"));

  static final ExecutorService executor = Executors.newCachedThreadPool();
  static final SearchEngine engine = new SearchEngine(List.of(tier), List.of(), executor);
  static final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  static final SearchLimits TIGHT =
      new SearchLimits(7, 50, Duration.ofHours(1), 2, 5, 64, Duration.ofMillis(300));

  /** A server with the API {@code settings} configure over the fake tier. */
  static ServerExtension api(UnaryOperator<QueryApiBuilder> settings) {
    return new ServerExtension() {
      @Override
      protected void configure(ServerBuilder sb) {
        settings.apply(QueryApi.builder(NO_TRACES).search(engine)).build().addTo(sb);
      }
    };
  }

  @RegisterExtension
  static final ServerExtension server = api(b -> b.tenancy(Tenancy.MULTI).meterRegistry(meters));

  @RegisterExtension
  static final ServerExtension limited = api(b -> b.tenancy(Tenancy.MULTI).searchLimits(TIGHT));

  @RegisterExtension static final ServerExtension prefixed = api(b -> b.prefix("/tempo"));

  /** Every search thread busy and the queue full. */
  @RegisterExtension
  static final ServerExtension busy =
      new ServerExtension() {
        @Override
        protected void configure(ServerBuilder sb) {
          Executor full =
              task -> {
                throw new RejectedExecutionException("queue full");
              };
          QueryApi.builder(NO_TRACES)
              .search(new SearchEngine(List.of(tier), List.of(), full))
              .build()
              .addTo(sb);
        }
      };

  @AfterAll
  static void stop() {
    tier.release();
    executor.shutdownNow();
  }

  static final ObjectMapper mapper = new ObjectMapper();

  /** Every field of a trace that has a root and a duration, as Tempo sends it (sorted). */
  static final List<String> TRACE_KEYS =
      List.of(
          "durationMs",
          "rootServiceName",
          "rootTraceName",
          "serviceStats",
          "spanSet",
          "spanSets",
          "startTimeUnixNano",
          "traceID");

  static AggregatedHttpResponse get(ServerExtension s, String pathAndQuery, String tenant) {
    return QueryApiTest.get(s, pathAndQuery, tenant, null);
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  static Set<String> keys(JsonNode node) {
    Set<String> keys = new TreeSet<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      keys.add(it.next());
    }
    return keys;
  }

  @Test
  void answersWithExactlyTempoFields() throws Exception {
    AggregatedHttpResponse res = get(server, "/api/search?q=" + enc("{ status = error }"), "t1");
    assertThat(res.status().code()).isEqualTo(200);
    assertThat(res.contentType().toString()).startsWith("application/json");
    assertThat(res.headers().get(SearchService.PARTIAL_HEADER)).isNull();
    JsonNode body = mapper.readTree(res.contentUtf8());
    assertThat(keys(body)).containsExactly("metrics", "traces");
    assertThat(keys(body.get("metrics")))
        .containsExactly(
            "completedJobs",
            "inspectedBytes",
            "inspectedSpans",
            "inspectedTraces",
            "totalBlockBytes",
            "totalBlocks",
            "totalJobs");
    assertThat(body.get("metrics").get("inspectedBytes").asText()).isEqualTo("292781");
    assertThat(body.get("metrics").get("inspectedBytes").isTextual()).isTrue();
    assertThat(body.get("metrics").get("inspectedTraces").intValue()).isEqualTo(20);

    JsonNode traces = body.get("traces");
    assertThat(traces).hasSize(2);
    // Newest first.
    JsonNode checkout = traces.get(0);
    assertThat(keys(checkout)).containsExactlyElementsOf(TRACE_KEYS);
    assertThat(checkout.get("traceID").asText()).isEqualTo("2f3e0cee77ae5dc9c17ade3689eb2e54");
    assertThat(checkout.get("rootServiceName").asText()).isEqualTo("frontend");
    assertThat(checkout.get("rootTraceName").asText()).isEqualTo("POST /checkout");
    assertThat(checkout.get("startTimeUnixNano").isTextual()).isTrue();
    assertThat(checkout.get("startTimeUnixNano").asText()).isEqualTo("1700000001000000000");
    assertThat(checkout.get("durationMs").isInt()).isTrue();
    assertThat(checkout.get("durationMs").intValue()).isEqualTo(557);
    assertThat(checkout.get("spanSet")).isEqualTo(checkout.get("spanSets").get(0));
    assertThat(checkout.get("spanSets")).hasSize(1);
    assertThat(mapper.writeValueAsString(checkout.get("serviceStats")))
        .isEqualTo(
            "{\"checkout\":{\"spanCount\":4,\"errorCount\":1},\"frontend\":{\"spanCount\":2}}");

    JsonNode set = checkout.get("spanSets").get(0);
    assertThat(keys(set)).containsExactly("matched", "spans");
    assertThat(set.get("matched").intValue()).isEqualTo(4);
    JsonNode first = set.get("spans").get(0);
    assertThat(keys(first))
        .containsExactly("attributes", "durationNanos", "spanID", "startTimeUnixNano");
    assertThat(mapper.writeValueAsString(first))
        .isEqualTo(
            "{\"spanID\":\"563d623c76514f8e\",\"startTimeUnixNano\":\"1700000001035000000\","
                + "\"durationNanos\":\"446979497\",\"attributes\":["
                + "{\"key\":\"service.name\",\"value\":{\"stringValue\":\"checkout\"}},"
                + "{\"key\":\"status\",\"value\":{\"stringValue\":\"error\"}}]}");
    JsonNode second = set.get("spans").get(1);
    assertThat(keys(second))
        .containsExactly("attributes", "durationNanos", "name", "spanID", "startTimeUnixNano");
    assertThat(second.get("name").asText()).isEqualTo("GET /x");
    assertThat(mapper.writeValueAsString(second.get("attributes")))
        .isEqualTo(
            "[{\"key\":\"kind\",\"value\":{\"stringValue\":\"server\"}},"
                + "{\"key\":\"http.status_code\",\"value\":{\"intValue\":\"500\"}},"
                + "{\"key\":\"ratio\",\"value\":{\"doubleValue\":0.5}},"
                + "{\"key\":\"cached\",\"value\":{\"boolValue\":true}},"
                + "{\"key\":\"gone\",\"value\":{\"stringValue\":\"nil\"}},"
                + "{\"key\":\"event:timeSinceStart\",\"value\":{\"stringValue\":\"1.5ms\"}}]");

    JsonNode noRoot = traces.get(1);
    assertThat(keys(noRoot))
        .containsExactly(
            "rootServiceName",
            "serviceStats",
            "spanSet",
            "spanSets",
            "startTimeUnixNano",
            "traceID");
    assertThat(noRoot.get("traceID").asText()).isEqualTo("abcd");
    assertThat(noRoot.get("rootServiceName").asText()).isEqualTo("<root span not yet received>");
    JsonNode aggregate = noRoot.get("spanSets").get(0);
    assertThat(keys(aggregate)).containsExactly("attributes", "matched", "spans");
    assertThat(mapper.writeValueAsString(aggregate.get("attributes")))
        .isEqualTo("[{\"key\":\"count()\",\"value\":{\"intValue\":\"1\"}}]");
    assertThat(keys(aggregate.get("spans").get(0)))
        .containsExactly("durationNanos", "name", "spanID", "startTimeUnixNano");
  }

  @Test
  void emptyResultHasOnlyMetrics() {
    AggregatedHttpResponse res = get(server, "/api/search?q=" + enc("{}"), "empty");
    assertThat(res.status().code()).isEqualTo(200);
    assertThat(res.contentUtf8()).isEqualTo("{\"metrics\":{\"completedJobs\":1,\"totalJobs\":1}}");
  }

  @Test
  void servesProtobufWhenAsked() throws Exception {
    AggregatedHttpResponse res =
        QueryApiTest.get(server, "/api/search?q=" + enc("{}"), "t1", "application/protobuf");
    assertThat(res.status().code()).isEqualTo(200);
    assertThat(res.contentType().toString()).isEqualTo("application/protobuf");
    SearchResponse response = SearchResponse.parseFrom(res.content().array());
    assertThat(response.getTracesList())
        .extracting(TraceSearchMetadata::getTraceID)
        .containsExactly("2f3e0cee77ae5dc9c17ade3689eb2e54", "abcd");
    // As trace by ID: application/x-protobuf is not protobuf.
    AggregatedHttpResponse json =
        QueryApiTest.get(server, "/api/search?q=" + enc("{}"), "t1", "application/x-protobuf");
    assertThat(json.contentType().toString()).startsWith("application/json");
  }

  @Test
  void searchesEveryTenantOfAMultiTenantQuery() throws Exception {
    AggregatedHttpResponse res = get(server, "/api/search?q=" + enc("{}"), "t1|t2");
    assertThat(res.status().code()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    for (JsonNode trace : mapper.readTree(res.contentUtf8()).get("traces")) {
      ids.add(trace.get("traceID").asText());
    }
    assertThat(ids).containsExactly("ef01", "2f3e0cee77ae5dc9c17ade3689eb2e54", "abcd");
  }

  @Test
  void tenantIsRequiredAndChecked() {
    AggregatedHttpResponse none = get(server, "/api/search", null);
    assertThat(none.status().code()).isEqualTo(401);
    assertThat(none.contentUtf8()).isEqualTo("no org id\n");
    AggregatedHttpResponse bad = get(server, "/api/search", "a#b");
    assertThat(bad.status().code()).isEqualTo(400);
    assertThat(bad.contentUtf8()).isEqualTo("tenant ID 'a#b' contains unsupported character '#'");
  }

  @Test
  void servesUnderThePrefixOnly() throws Exception {
    AggregatedHttpResponse res = get(prefixed, "/tempo/api/search?q=" + enc("{}"), null);
    assertThat(res.status().code()).isEqualTo(200);
    assertThat(mapper.readTree(res.contentUtf8()).get("traces").get(0).get("traceID").asText())
        .isEqualTo("2f3e0cee77ae5dc9c17ade3689eb2e54");
    assertThat(get(prefixed, "/api/search", null).status().code()).isEqualTo(404);
  }

  @Test
  void passesDefaultsAndParametersToTheEngine() {
    assertThat(get(server, "/api/search", "defaults").status().code()).isEqualTo(200);
    SearchRequest defaults = tier.lastRequest.get("defaults");
    assertThat(defaults.limit()).isEqualTo(20);
    assertThat(defaults.spansPerSpanSet()).isEqualTo(3);
    assertThat(defaults.recentOnly()).isTrue();
    assertThat(defaults.query().query().toString()).isEqualTo("{ true }");

    String q = "{ resource.service.name = \"checkout\" }";
    assertThat(
            get(
                    server,
                    "/api/search?q="
                        + enc(q)
                        + "&limit=5&spss=0&start=1700000000&end=1700003600&minDuration=1s",
                    "given")
                .status()
                .code())
        .isEqualTo(200);
    SearchRequest given = tier.lastRequest.get("given");
    assertThat(given.limit()).isEqualTo(5);
    assertThat(given.spansPerSpanSet()).isZero();
    assertThat(given.range()).isEqualTo(new TimeRange(1700000000, 1700003600));
    assertThat(given.recentOnly()).isFalse();
    // minDuration applies to tag searches only.
    assertThat(given.query().query()).isEqualTo(TraceQL.parse(q));

    assertThat(get(limited, "/api/search", "tight").status().code()).isEqualTo(200);
    assertThat(tier.lastRequest.get("tight").limit()).isEqualTo(7);
    assertThat(tier.lastRequest.get("tight").spansPerSpanSet()).isEqualTo(2);
  }

  @Test
  void translatesLegacyTagSearches() {
    get(server, "/api/search?tags=" + enc("service.name=checkout status.code=error"), "tags");
    assertThat(tier.lastRequest.get("tags").query().query().toString())
        .isEqualTo("{ ((resource.service.name =~ \"(?s).*checkout.*\") && (status = error)) }");

    get(server, "/api/search?tags=" + enc("region=eu") + "&minDuration=100ms&maxDuration=2s", "d");
    assertThat(tier.lastRequest.get("d").query().query().toString())
        .isEqualTo(
            "{ ((((span.region = \"eu\") || (resource.region = \"eu\"))"
                + " && (traceDuration >= 100ms)) && (traceDuration <= 2s)) }");

    // Without q, tags, start and end, other parameters are tags; reserved names are not.
    get(server, "/api/search?http.method=GET&limit=3&spss=2&minDuration=1ms", "bare");
    SearchRequest bare = tier.lastRequest.get("bare");
    assertThat(bare.query().query().toString())
        .isEqualTo("{ ((span.http.method =~ \"(?s).*GET.*\") && (traceDuration >= 1ms)) }");
    assertThat(bare.limit()).isEqualTo(3);

    // With a window they are not.
    get(server, "/api/search?http.method=GET&start=1700000000&end=1700000100", "window");
    assertThat(tier.lastRequest.get("window").query().query().toString()).isEqualTo("{ true }");
  }

  /** Each request and the exact 400 body Tempo sends for it. */
  static Map<String, String> badRequests() {
    Map<String, String> cases = new LinkedHashMap<>();
    cases.put(
        "q=" + enc("{ name =~ .pattern }"),
        "unsupported TraceQL construct: =~ with a right operand that is not a string literal");
    cases.put(
        "q=" + enc("{ .a = 1 }") + "&tags=" + enc("service.name=foo"),
        "invalid request: can't specify tags and q in the same query");
    cases.put(
        "tags=" + enc("service.name=foo service.name=bar"),
        "invalid tags: tag service.name has been set twice");
    cases.put("tags=" + enc("a=b=c"), "invalid tags: unexpected '=' at pos 4");
    cases.put("tags=" + enc("a=\"open"), "invalid tags: unterminated quoted value at pos 8");
    cases.put(
        "minDuration=10seconds",
        "invalid minDuration: time: unknown unit \"seconds\" in duration \"10seconds\"");
    cases.put(
        "maxDuration=1msec",
        "invalid maxDuration: time: unknown unit \"msec\" in duration \"1msec\"");
    cases.put(
        "minDuration=20s&maxDuration=5s", "invalid maxDuration: must be greater than minDuration");
    cases.put("limit=0", "invalid limit: must be a positive number");
    cases.put("limit=-3", "invalid limit: must be a positive number");
    cases.put("limit=five", "invalid limit: strconv.Atoi: parsing \"five\": invalid syntax");
    cases.put("limit=262145", "limit 262145 exceeds max limit 262144");
    cases.put("spss=-1", "invalid spss: must be a non-negative number");
    cases.put("spss=x", "invalid spss: strconv.Atoi: parsing \"x\": invalid syntax");
    cases.put("spss=101", "spans per span set exceeds 100. received 101");
    cases.put(
        "start=asdf&end=1500", "invalid start: strconv.ParseInt: parsing \"asdf\": invalid syntax");
    cases.put(
        "start=99999999999",
        "invalid start: strconv.ParseInt: parsing \"99999999999\": value out of range");
    cases.put("end=1.5", "invalid end: strconv.ParseInt: parsing \"1.5\": invalid syntax");
    cases.put("start=5", "http parameter start must be before end. received start=5 end=0");
    cases.put("start=7&end=7", "http parameter start must be before end. received start=7 end=7");
    cases.put(
        "start=1700000000&end=1700604801",
        "range specified by start and end exceeds 168h0m0s. received start=1700000000"
            + " end=1700604801");
    return cases;
  }

  @Test
  void refusesBadRequestsWithTempoMessages() {
    for (Map.Entry<String, String> c : badRequests().entrySet()) {
      AggregatedHttpResponse res = get(server, "/api/search?" + c.getKey(), "t1");
      assertThat(res.status().code()).as(c.getKey()).isEqualTo(400);
      assertThat(res.contentType().toString()).as(c.getKey()).startsWith("text/plain");
      assertThat(res.contentUtf8()).as(c.getKey()).isEqualTo(c.getValue());
    }
  }

  @Test
  void refusesInvalidTraceQL() {
    String q = "{ .foo=\"bar\" ";
    String expected = "";
    try {
      TraceQL.parse(q);
    } catch (IllegalArgumentException e) {
      expected = e.getMessage();
    }
    assertThat(expected).startsWith("invalid TraceQL query: parse error at line 1, col ");
    AggregatedHttpResponse res = get(server, "/api/search?q=" + enc(q) + "&limit=0", "t1");
    // The query is checked first, as Tempo's query validator does.
    assertThat(res.status().code()).isEqualTo(400);
    assertThat(res.contentUtf8()).isEqualTo(expected);

    AggregatedHttpResponse regex = get(server, "/api/search?q=" + enc("{ name =~ \"(\" }"), "t1");
    assertThat(regex.status().code()).isEqualTo(400);
    assertThat(regex.contentUtf8()).startsWith("invalid TraceQL query: invalid regular expression");
  }

  @Test
  void appliesConfiguredLimits() {
    Map<String, String> cases = new LinkedHashMap<>();
    cases.put("limit=51", "limit 51 exceeds max limit 50");
    cases.put("spss=6", "spans per span set exceeds 5. received 6");
    cases.put(
        "start=1700000000&end=1700003601",
        "range specified by start and end exceeds 1h0m0s. received start=1700000000"
            + " end=1700003601");
    cases.put(
        "q=" + enc("{ resource.service.name = \"" + "x".repeat(40) + "\" }"),
        "TraceQL expression exceeds the configured maximum size of 64 bytes, reduce the query"
            + " expression size or contact your system administrator");
    for (Map.Entry<String, String> c : cases.entrySet()) {
      AggregatedHttpResponse res = get(limited, "/api/search?" + c.getKey(), "t1");
      assertThat(res.status().code()).as(c.getKey()).isEqualTo(400);
      assertThat(res.contentUtf8()).as(c.getKey()).isEqualTo(c.getValue());
    }
    assertThat(get(limited, "/api/search?limit=50&spss=5", "t1").status().code()).isEqualTo(200);
  }

  @Test
  void marksAnswersThatMissData() throws Exception {
    double before = meters.counter("vivace_query_searches", "result", "partial").count();
    AggregatedHttpResponse res = get(server, "/api/search?q=" + enc("{}"), "partial");
    assertThat(res.status().code()).isEqualTo(200);
    assertThat(res.headers().get(SearchService.PARTIAL_HEADER))
        .isEqualTo("1 could not be searched: block 0a1b: corrupt");
    JsonNode body = mapper.readTree(res.contentUtf8());
    // No field is added to the body.
    assertThat(keys(body)).containsExactly("metrics", "traces");
    assertThat(body.get("traces").get(0).get("traceID").asText()).isEqualTo("ef01");
    assertThat(meters.counter("vivace_query_searches", "result", "partial").count())
        .isEqualTo(before + 1);

    AggregatedHttpResponse broken = get(server, "/api/search?q=" + enc("{}"), "broken");
    assertThat(broken.status().code()).isEqualTo(503);
    assertThat(broken.contentUtf8())
        .isEqualTo(
            "search incomplete, matching traces may be in data that could not be read: 1 could"
                + " not be searched: block 0c2d: storage unavailable\n");
  }

  @Test
  void returnsWhatWasFoundWhenTimeRunsOut() throws Exception {
    AggregatedHttpResponse res = get(limited, "/api/search?q=" + enc("{}"), "slow");
    assertThat(res.status().code()).isEqualTo(200);
    assertThat(res.headers().get(SearchService.PARTIAL_HEADER))
        .isEqualTo("search timed out after 300ms (querier.search.query_timeout)");
    JsonNode body = mapper.readTree(res.contentUtf8());
    assertThat(body.get("traces").get(0).get("traceID").asText()).isEqualTo("ef01");
    // The tier planned one job and is still at it: the counters say so, as Tempo's progress does.
    assertThat(body.get("metrics").path("completedJobs").asInt())
        .isLessThan(body.get("metrics").get("totalJobs").asInt());

    AggregatedHttpResponse empty = get(limited, "/api/search?q=" + enc("{}"), "slow-empty");
    assertThat(empty.status().code()).isEqualTo(504);
    assertThat(empty.contentUtf8())
        .isEqualTo("search timed out after 300ms (querier.search.query_timeout)\n");
  }

  @Test
  void aFullSearchQueueIsTooManyRequests() {
    AggregatedHttpResponse res = get(busy, "/api/search?q=" + enc("{}"), null);
    assertThat(res.status().code()).isEqualTo(429);
    assertThat(res.contentUtf8()).isEqualTo("job queue full\n");
  }
}
