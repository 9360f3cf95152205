package dev.vivace.query.api;

import static dev.vivace.traceql.AttributeScope.EVENT;
import static dev.vivace.traceql.AttributeScope.INSTRUMENTATION;
import static dev.vivace.traceql.AttributeScope.LINK;
import static dev.vivace.traceql.AttributeScope.RESOURCE;
import static dev.vivace.traceql.AttributeScope.SPAN;
import static org.assertj.core.api.Assertions.assertThat;

import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.testing.junit5.server.ServerExtension;
import dev.vivace.query.TimeRange;
import dev.vivace.query.api.FakeTagTier.FakeSpan;
import dev.vivace.search.SearchEngine;
import dev.vivace.search.TagRequest;
import dev.vivace.search.TagValuesRequest;
import dev.vivace.tempopb.SearchTagValuesV2Response;
import dev.vivace.tempopb.SearchTagsV2Response;
import dev.vivace.tenant.Tenancy;
import dev.vivace.traceql.Attribute;
import dev.vivace.traceql.AttributeScope;
import dev.vivace.traceql.Intrinsic;
import dev.vivace.traceql.Static;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TagApiTest {

  static final ExecutorService executor = Executors.newCachedThreadPool();

  static final FakeTagTier live =
      new FakeTagTier(100)
          .add(
              "t1",
              new FakeSpan()
                  .with(RESOURCE, "service.name", str("checkout"))
                  .with(RESOURCE, "k8s.ns", str("prod"))
                  .with(SPAN, "http.method", str("GET"))
                  .with(SPAN, "http.status_code", new Static.IntValue(200))
                  .with(SPAN, "ratio", new Static.FloatValue(0.5))
                  .with(SPAN, "cached", new Static.BoolValue(true))
                  .with(EVENT, "exception.type", str("IOError"))
                  .with(LINK, "peer", str("x"))
                  .with(INSTRUMENTATION, "lib.version", str("1.0"))
                  .with(Intrinsic.NAME, str("GET /cart"))
                  .with(Intrinsic.STATUS, new Static.StatusValue(Static.StatusCode.ERROR))
                  .with(Intrinsic.EVENT_TIME_SINCE_START, new Static.DurationValue(1_500_000)))
          .add(
              "t1",
              new FakeSpan()
                  .with(RESOURCE, "service.name", str("frontend"))
                  .with(SPAN, "http.method", str("POST"))
                  .with(SPAN, "http.status_code", new Static.IntValue(500))
                  .with(SPAN, "attr/slash", str("s1"))
                  .with(SPAN, "a b", str("spaced"))
                  .with(Intrinsic.NAME, str("POST /pay")))
          .add("t2", new FakeSpan().with(RESOURCE, "service.name", str("billing")))
          .add("t2", new FakeSpan().with(RESOURCE, "t2.only", str("y")))
          .add("single-tenant", new FakeSpan().with(SPAN, "attr/slash", str("prefixed")));

  static final FakeTagTier blocks =
      new FakeTagTier(1000)
          .add(
              "t1",
              new FakeSpan()
                  .with(RESOURCE, "service.name", str("auth"))
                  .with(SPAN, "http.method", str("GET"))
                  .with(SPAN, "http.status_code", str("200"))
                  .with(Intrinsic.NAME, str("GET /login")));

  static final SearchEngine engine = new SearchEngine(List.of(), List.of(live, blocks), executor);

  @RegisterExtension
  static final ServerExtension server =
      new ServerExtension() {
        @Override
        protected void configure(ServerBuilder sb) {
          QueryApi.builder(List.of((tenant, id, range) -> dev.vivace.query.TraceLookup.EMPTY))
              .tenancy(Tenancy.MULTI)
              .search(engine)
              .build()
              .addTo(sb);
        }
      };

  @RegisterExtension
  static final ServerExtension prefixed =
      new ServerExtension() {
        @Override
        protected void configure(ServerBuilder sb) {
          QueryApi.builder(List.of((tenant, id, range) -> dev.vivace.query.TraceLookup.EMPTY))
              .prefix("/tempo")
              .search(engine)
              .build()
              .addTo(sb);
        }
      };

  @RegisterExtension
  static final ServerExtension withoutSearch =
      new ServerExtension() {
        @Override
        protected void configure(ServerBuilder sb) {
          QueryApi.builder(List.of((tenant, id, range) -> dev.vivace.query.TraceLookup.EMPTY))
              .build()
              .addTo(sb);
        }
      };

  static Static str(String s) {
    return new Static.StringValue(s);
  }

  static final String INTRINSICS =
      VirtualTags.INTRINSIC_NAMES.stream()
          .map(n -> "\"" + n + "\"")
          .collect(Collectors.joining(",", "[", "]"));

  @AfterAll
  static void shutDown() {
    executor.shutdownNow();
  }

  @BeforeEach
  void forgetCalls() {
    live.clearCalls();
    blocks.clearCalls();
  }

  static AggregatedHttpResponse get(String path) {
    return QueryApiTest.get(server, path, "t1", null);
  }

  static String json(String path) {
    AggregatedHttpResponse res = get(path);
    assertThat(res.status().code()).as(res.contentUtf8()).isEqualTo(200);
    assertThat(res.contentType().toString()).isEqualTo("application/json");
    return res.contentUtf8();
  }

  static String error(String path) {
    AggregatedHttpResponse res = get(path);
    assertThat(res.status().code()).as(res.contentUtf8()).isEqualTo(400);
    return res.contentUtf8();
  }

  /** The last request the live tier was asked. */
  static Object lastRequest() {
    List<FakeTagTier.Call> calls = live.calls();
    assertThat(calls).isNotEmpty();
    return calls.get(calls.size() - 1).request();
  }

  // ---- /api/v2/search/tags ----

  @Test
  void v2TagsListsEveryScopeSortedWithTheIntrinsicsAndTheBytesOfAllTiers() {
    assertThat(json("/api/v2/search/tags"))
        .isEqualTo(
            "{\"scopes\":["
                + "{\"name\":\"resource\",\"tags\":[\"k8s.ns\",\"service.name\"]},"
                + "{\"name\":\"span\",\"tags\":[\"a b\",\"attr/slash\",\"cached\",\"http.method\","
                + "\"http.status_code\",\"ratio\"]},"
                + "{\"name\":\"event\",\"tags\":[\"exception.type\"]},"
                + "{\"name\":\"link\",\"tags\":[\"peer\"]},"
                + "{\"name\":\"instrumentation\",\"tags\":[\"lib.version\"]},"
                + "{\"name\":\"intrinsic\",\"tags\":"
                + INTRINSICS
                + "}],\"metrics\":{\"inspectedBytes\":\"1100\"}}");
    TagRequest request = (TagRequest) lastRequest();
    assertThat(request.scopes())
        .containsExactlyInAnyOrder(RESOURCE, SPAN, EVENT, LINK, INSTRUMENTATION);
    assertThat(request.filter()).isNull();
    assertThat(request.recentOnly()).isTrue();
  }

  @Test
  void v2TagsScopes() {
    assertThat(json("/api/v2/search/tags?scope=none")).isEqualTo(json("/api/v2/search/tags"));
    assertThat(json("/api/v2/search/tags?scope=resource"))
        .isEqualTo(
            "{\"scopes\":[{\"name\":\"resource\",\"tags\":[\"k8s.ns\",\"service.name\"]}],"
                + "\"metrics\":{\"inspectedBytes\":\"1100\"}}");
    assertThat(((TagRequest) lastRequest()).scopes()).containsExactly(RESOURCE);
    assertThat(json("/api/v2/search/tags?scope=event"))
        .isEqualTo(
            "{\"scopes\":[{\"name\":\"event\",\"tags\":[\"exception.type\"]}],"
                + "\"metrics\":{\"inspectedBytes\":\"1100\"}}");

    live.clearCalls();
    assertThat(json("/api/v2/search/tags?scope=intrinsic"))
        .isEqualTo(
            "{\"scopes\":[{\"name\":\"intrinsic\",\"tags\":" + INTRINSICS + "}],\"metrics\":{}}");
    assertThat(live.calls()).isEmpty();

    assertThat(error("/api/v2/search/tags?scope=spans")).isEqualTo("invalid scope: spans");
    assertThat(error("/api/search/tags?scope=Span")).isEqualTo("invalid scope: Span");
  }

  @Test
  void v2TagsOmitsEmptyScopes() {
    assertThat(QueryApiTest.get(server, "/api/v2/search/tags", "t2", null).contentUtf8())
        .isEqualTo(
            "{\"scopes\":[{\"name\":\"resource\",\"tags\":[\"service.name\",\"t2.only\"]},"
                + "{\"name\":\"intrinsic\",\"tags\":"
                + INTRINSICS
                + "}],\"metrics\":{\"inspectedBytes\":\"1100\"}}");
  }

  @Test
  void v2TagsFilterOnlyCountsMatchingSpans() {
    // Only the frontend span is a POST, and only it has these span attributes.
    String filtered =
        json("/api/v2/search/tags?scope=span&q=" + enc("{span.http.method=\"POST\"}"));
    assertThat(filtered)
        .isEqualTo(
            "{\"scopes\":[{\"name\":\"span\",\"tags\":[\"a b\",\"attr/slash\",\"http.method\","
                + "\"http.status_code\"]}],\"metrics\":{\"inspectedBytes\":\"1100\"}}");
    assertThat(((TagRequest) lastRequest()).filter()).isNotNull();

    String chain =
        json(
            "/api/v2/search/tags?scope=resource&q="
                + enc("{ span.http.method = \"GET\" && resource.service.name =~ \"check.*\" }"));
    assertThat(chain)
        .isEqualTo(
            "{\"scopes\":[{\"name\":\"resource\",\"tags\":[\"k8s.ns\",\"service.name\"]}],"
                + "\"metrics\":{\"inspectedBytes\":\"1100\"}}");
    assertThat(json("/api/v2/search/tags?scope=resource&q=" + enc("{status = ok}")))
        .isEqualTo("{\"metrics\":{\"inspectedBytes\":\"1100\"}}");
  }

  @Test
  void v2TagsIgnoresFiltersItCannotUse() {
    String all = json("/api/v2/search/tags?scope=span");
    for (String q :
        List.of(
            "{span.http.method=\"POST\" || span.http.method=\"DELETE\"}",
            "{.http.method=\"POST\"}",
            "{span.http.method=\"POST\"} && {span.x=1}",
            "{span.http.method=\"POST\"} | count() > 1",
            "{!(span.http.method=\"GET\")}",
            "{span.http.status_code + 1 = 501}",
            "{span.http.method=~\"(\"}",
            "{}",
            "not traceql {",
            "")) {
      assertThat(json("/api/v2/search/tags?scope=span&q=" + enc(q))).as(q).isEqualTo(all);
      assertThat(((TagRequest) lastRequest()).filter()).as(q).isNull();
    }
  }

  // ---- /api/search/tags ----

  @Test
  void v1TagsAreResourceAndSpanNamesWithoutIntrinsics() {
    assertThat(json("/api/search/tags"))
        .isEqualTo(
            "{\"tagNames\":[\"a b\",\"attr/slash\",\"cached\",\"http.method\",\"http.status_code\","
                + "\"k8s.ns\",\"ratio\",\"service.name\"],\"metrics\":{\"inspectedBytes\":\"1100\"}}");
    assertThat(((TagRequest) lastRequest()).scopes()).containsExactlyInAnyOrder(RESOURCE, SPAN);
    assertThat(json("/api/search/tags?scope=none")).isEqualTo(json("/api/search/tags"));
    assertThat(json("/api/search/tags?scope=link"))
        .isEqualTo("{\"tagNames\":[\"peer\"],\"metrics\":{\"inspectedBytes\":\"1100\"}}");
    live.clearCalls();
    assertThat(json("/api/search/tags?scope=intrinsic"))
        .isEqualTo("{\"tagNames\":" + INTRINSICS + ",\"metrics\":{}}");
    assertThat(live.calls()).isEmpty();
  }

  @Test
  void limitIsPerScopeAndMaxStaleValuesStopsEarly() {
    assertThat(json("/api/v2/search/tags?scope=none&limit=1"))
        .startsWith(
            "{\"scopes\":[{\"name\":\"resource\",\"tags\":[\"service.name\"]},"
                + "{\"name\":\"span\",\"tags\":[\"http.method\"]},"
                + "{\"name\":\"event\",\"tags\":[\"exception.type\"]},");
    assertThat(json("/api/search/tag/http.method/values?limit=1"))
        .isEqualTo("{\"tagValues\":[\"GET\"],\"metrics\":{\"inspectedBytes\":\"100\"}}");
    // The live tier offers GET, POST; the block tier GET again: one stale value is enough to stop.
    assertThat(json("/api/search/tag/http.method/values?maxStaleValues=1"))
        .isEqualTo("{\"tagValues\":[\"GET\",\"POST\"],\"metrics\":{\"inspectedBytes\":\"1100\"}}");
    assertThat(json("/api/search/tag/http.method/values?maxStaleValues=0&limit=0"))
        .isEqualTo("{\"tagValues\":[\"GET\",\"POST\"],\"metrics\":{\"inspectedBytes\":\"1100\"}}");
  }

  // ---- parameters ----

  @Test
  void startAndEndAre32BitSecondsAndAbsentMeansRecentData() {
    json("/api/v2/search/tags?start=1700000000&end=1700003600");
    TagRequest request = (TagRequest) lastRequest();
    assertThat(request.range()).isEqualTo(new TimeRange(1700000000, 1700003600));
    assertThat(request.recentOnly()).isFalse();
    json("/api/v2/search/tag/span.http.method/values?start=&end=");
    assertThat(((TagValuesRequest) lastRequest()).recentOnly()).isTrue();
    json("/api/search/tag/http.method/values?start=100");
    assertThat(((TagValuesRequest) lastRequest()).range()).isEqualTo(new TimeRange(100, 0));

    assertThat(error("/api/search/tags?start=4294967296"))
        .isEqualTo("invalid start: strconv.ParseInt: parsing \"4294967296\": value out of range");
    assertThat(error("/api/v2/search/tags?end=1e9"))
        .isEqualTo("invalid end: strconv.ParseInt: parsing \"1e9\": invalid syntax");
    assertThat(error("/api/v2/search/tag/name/values?start=-5"))
        .isEqualTo("invalid start: -5 (expected: seconds >= 0)");
    assertThat(error("/api/search/tag/x/values?start=20&end=10"))
        .isEqualTo("http parameter start must be before end. received start=20 end=10");
    assertThat(error("/api/v2/search/tags?limit=many"))
        .isEqualTo("invalid limit: strconv.ParseUint: parsing \"many\": invalid syntax");
    assertThat(error("/api/v2/search/tags?maxStaleValues=-1"))
        .isEqualTo("invalid maxStaleValues: strconv.ParseUint: parsing \"-1\": invalid syntax");
    assertThat(error("/api/v2/search/tags?limit=4294967296"))
        .isEqualTo("invalid limit: strconv.ParseUint: parsing \"4294967296\": value out of range");
    // Checked even when the answer is a fixed list.
    assertThat(error("/api/v2/search/tags?scope=intrinsic&limit=x"))
        .isEqualTo("invalid limit: strconv.ParseUint: parsing \"x\": invalid syntax");
    assertThat(error("/api/v2/search/tag/status/values?start=x"))
        .isEqualTo("invalid start: strconv.ParseInt: parsing \"x\": invalid syntax");
  }

  @Test
  void grafanasExtraTagParameterIsHarmless() {
    assertThat(
            json(
                "/api/v2/search/tag/resource.service.name/values?limit=5000&tag=resource.service.name"))
        .isEqualTo(json("/api/v2/search/tag/resource.service.name/values"));
  }

  // ---- /api/search/tag/{tagName}/values ----

  @Test
  void v1ValuesAreTheUnscopedAttributesValuesAsText() {
    assertThat(json("/api/search/tag/service.name/values"))
        .isEqualTo(
            "{\"tagValues\":[\"auth\",\"checkout\",\"frontend\"],"
                + "\"metrics\":{\"inspectedBytes\":\"1100\"}}");
    assertThat(((TagValuesRequest) lastRequest()).tag())
        .isEqualTo(new Attribute(AttributeScope.NONE, false, "service.name"));
    // The string "200" and the integer 200 read the same.
    assertThat(json("/api/search/tag/http.status_code/values"))
        .isEqualTo("{\"tagValues\":[\"200\",\"500\"],\"metrics\":{\"inspectedBytes\":\"1100\"}}");
  }

  @Test
  void v1VirtualValuesDoNotAskTheTiers() {
    assertThat(json("/api/search/tag/status.code/values"))
        .isEqualTo("{\"tagValues\":[\"unset\",\"ok\",\"error\"],\"metrics\":{}}");
    assertThat(json("/api/search/tag/error/values"))
        .isEqualTo("{\"tagValues\":[\"true\"],\"metrics\":{}}");
    assertThat(live.calls()).isEmpty();
  }

  @Test
  void v1TagNamesMayHoldSlashesSpacesAndDoubleEncoding() {
    String slash = "{\"tagValues\":[\"s1\"],\"metrics\":{\"inspectedBytes\":\"1100\"}}";
    assertThat(json("/api/search/tag/attr/slash/values")).isEqualTo(slash);
    assertThat(json("/api/search/tag/attr%2Fslash/values")).isEqualTo(slash);
    assertThat(json("/api/search/tag/attr%252Fslash/values")).isEqualTo(slash);
    String spaced = "{\"tagValues\":[\"spaced\"],\"metrics\":{\"inspectedBytes\":\"1100\"}}";
    assertThat(json("/api/search/tag/a%20b/values")).isEqualTo(spaced);
    assertThat(json("/api/search/tag/a%2520b/values")).isEqualTo(spaced);
    assertThat(json("/api/search/tag/a+b/values")).isEqualTo(spaced);
    json("/api/search/tag/x/values/values");
    assertThat(((TagValuesRequest) lastRequest()).tag())
        .isEqualTo(new Attribute(AttributeScope.NONE, false, "x/values"));
    assertThat(error("/api/search/tag/bad%25zz/values")).isEqualTo("error in unescaping tagName");
  }

  // ---- /api/v2/search/tag/{tagName}/values ----

  @Test
  void v2ValuesAreTypedAndSortedByTypeThenValue() {
    assertThat(json("/api/v2/search/tag/span.http.status_code/values"))
        .isEqualTo(
            "{\"tagValues\":[{\"type\":\"string\",\"value\":\"200\"},"
                + "{\"type\":\"int\",\"value\":\"200\"},{\"type\":\"int\",\"value\":\"500\"}],"
                + "\"metrics\":{\"inspectedBytes\":\"1100\"}}");
    assertThat(json("/api/v2/search/tag/span.ratio/values"))
        .contains("{\"type\":\"float\",\"value\":\"0.5\"}");
    assertThat(json("/api/v2/search/tag/span.cached/values"))
        .contains("{\"type\":\"bool\",\"value\":\"true\"}");
    assertThat(json("/api/v2/search/tag/event:timeSinceStart/values"))
        .contains("{\"type\":\"duration\",\"value\":\"1.5ms\"}");
    assertThat(((TagValuesRequest) lastRequest()).tag())
        .isEqualTo(Intrinsic.EVENT_TIME_SINCE_START);
    assertThat(json("/api/v2/search/tag/.service.name/values"))
        .isEqualTo(
            "{\"tagValues\":[{\"type\":\"string\",\"value\":\"auth\"},"
                + "{\"type\":\"string\",\"value\":\"checkout\"},"
                + "{\"type\":\"string\",\"value\":\"frontend\"}],"
                + "\"metrics\":{\"inspectedBytes\":\"1100\"}}");
    assertThat(((TagValuesRequest) lastRequest()).tag())
        .isEqualTo(new Attribute(AttributeScope.NONE, false, "service.name"));
  }

  @Test
  void v2IntrinsicsAreAskedOfTheTiers() {
    for (String spelling : List.of("name", "span:name")) {
      assertThat(json("/api/v2/search/tag/" + spelling + "/values"))
          .isEqualTo(
              "{\"tagValues\":[{\"type\":\"string\",\"value\":\"GET /cart\"},"
                  + "{\"type\":\"string\",\"value\":\"GET /login\"},"
                  + "{\"type\":\"string\",\"value\":\"POST /pay\"}],"
                  + "\"metrics\":{\"inspectedBytes\":\"1100\"}}");
      assertThat(((TagValuesRequest) lastRequest()).tag()).isEqualTo(Intrinsic.NAME);
    }
    json("/api/v2/search/tag/rootServiceName/values");
    assertThat(((TagValuesRequest) lastRequest()).tag()).isEqualTo(Intrinsic.ROOT_SERVICE_NAME);
    json("/api/v2/search/tag/instrumentation:name/values");
    assertThat(((TagValuesRequest) lastRequest()).tag()).isEqualTo(Intrinsic.INSTRUMENTATION_NAME);
  }

  @Test
  void v2FixedIntrinsicValuesDoNotAskTheTiers() {
    String status =
        "{\"tagValues\":[{\"type\":\"keyword\",\"value\":\"ok\"},"
            + "{\"type\":\"keyword\",\"value\":\"error\"},"
            + "{\"type\":\"keyword\",\"value\":\"unset\"}],\"metrics\":{}}";
    assertThat(json("/api/v2/search/tag/status/values")).isEqualTo(status);
    assertThat(json("/api/v2/search/tag/span:status/values")).isEqualTo(status);
    String kind =
        "{\"tagValues\":[{\"type\":\"keyword\",\"value\":\"client\"},"
            + "{\"type\":\"keyword\",\"value\":\"server\"},"
            + "{\"type\":\"keyword\",\"value\":\"producer\"},"
            + "{\"type\":\"keyword\",\"value\":\"consumer\"},"
            + "{\"type\":\"keyword\",\"value\":\"internal\"},"
            + "{\"type\":\"keyword\",\"value\":\"unspecified\"}],\"metrics\":{}}";
    assertThat(json("/api/v2/search/tag/kind/values")).isEqualTo(kind);
    assertThat(json("/api/v2/search/tag/span:kind/values")).isEqualTo(kind);
    for (String duration :
        List.of("duration", "span:duration", "traceDuration", "trace:duration")) {
      assertThat(json("/api/v2/search/tag/" + duration + "/values")).isEqualTo("{\"metrics\":{}}");
    }
    assertThat(live.calls()).isEmpty();
    assertThat(blocks.calls()).isEmpty();
  }

  @Test
  void v2ValuesFilterOnlyCountsMatchingSpans() {
    assertThat(
            json(
                "/api/v2/search/tag/resource.service.name/values?q="
                    + enc("{ span.http.method = \"GET\" && span.http.status_code = 200 }")))
        .isEqualTo(
            "{\"tagValues\":[{\"type\":\"string\",\"value\":\"checkout\"}],"
                + "\"metrics\":{\"inspectedBytes\":\"1100\"}}");
    assertThat(((TagValuesRequest) lastRequest()).filter()).isNotNull();
    // Unscoped attributes are not filtered on: the whole list.
    assertThat(
            json(
                "/api/v2/search/tag/resource.service.name/values?q="
                    + enc("{.http.method=\"GET\"}")))
        .contains("frontend");
    assertThat(((TagValuesRequest) lastRequest()).filter()).isNull();
  }

  @Test
  void v2TagNamesMayHoldSlashesAndQuotedSpacesAndDoubleEncoding() {
    String slash =
        "{\"tagValues\":[{\"type\":\"string\",\"value\":\"s1\"}],"
            + "\"metrics\":{\"inspectedBytes\":\"1100\"}}";
    assertThat(json("/api/v2/search/tag/span.attr/slash/values")).isEqualTo(slash);
    assertThat(json("/api/v2/search/tag/span.attr%2Fslash/values")).isEqualTo(slash);
    assertThat(json("/api/v2/search/tag/span.attr%252Fslash/values")).isEqualTo(slash);
    String spaced =
        "{\"tagValues\":[{\"type\":\"string\",\"value\":\"spaced\"}],"
            + "\"metrics\":{\"inspectedBytes\":\"1100\"}}";
    assertThat(json("/api/v2/search/tag/span.%22a%20b%22/values")).isEqualTo(spaced);
    assertThat(json("/api/v2/search/tag/span.%2522a%2520b%2522/values")).isEqualTo(spaced);
    assertThat(((TagValuesRequest) lastRequest()).tag())
        .isEqualTo(new Attribute(AttributeScope.SPAN, false, "a b"));
  }

  @Test
  void v2RefusesTagsThatAreNotIdentifiers() {
    assertThat(error("/api/v2/search/tag/service.name/values"))
        .isEqualTo(
            "please provide a valid tagName: failed to parse identifier service.name: parse error"
                + " at line 1, col 1: unknown attribute scope \"service\" (expected: resource,"
                + " span, event, link, instrumentation, parent or a leading dot)");
    assertThat(error("/api/v2/search/tag/span.a%20b/values"))
        .isEqualTo(
            "please provide a valid tagName: failed to parse identifier span.a b: parse error at"
                + " line 1, col 8: unexpected \"b\", expected end of identifier");
    assertThat(error("/api/v2/search/tag/foo/values"))
        .isEqualTo(
            "please provide a valid tagName: failed to parse identifier foo: parse error at line"
                + " 1, col 1: unexpected \"foo\", expected an attribute or intrinsic");
    assertThat(error("/api/v2/search/tag/parent.span.x/values"))
        .isEqualTo(
            "please provide a valid tagName: parent attributes are not supported: parent.span.x");
    assertThat(live.calls()).isEmpty();
  }

  // ---- cross-cutting ----

  @Test
  void tenancy() {
    AggregatedHttpResponse missing = QueryApiTest.get(server, "/api/v2/search/tags", null, null);
    assertThat(missing.status().code()).isEqualTo(401);
    assertThat(missing.contentUtf8()).isEqualTo("no org id\n");
    assertThat(
            QueryApiTest.get(server, "/api/search/tag/service.name/values", "t1|t2", null)
                .contentUtf8())
        .isEqualTo(
            "{\"tagValues\":[\"auth\",\"billing\",\"checkout\",\"frontend\"],"
                + "\"metrics\":{\"inspectedBytes\":\"2200\"}}");
    assertThat(live.calls().stream().map(FakeTagTier.Call::tenant).collect(Collectors.toSet()))
        .isEqualTo(Set.of("t1", "t2"));
    assertThat(QueryApiTest.get(server, "/api/search/tags", "t#", null).status().code())
        .isEqualTo(400);
  }

  @Test
  void protobufWhenAsked() throws Exception {
    AggregatedHttpResponse res =
        QueryApiTest.get(server, "/api/v2/search/tags?scope=link", "t1", "application/protobuf");
    assertThat(res.contentType().toString()).isEqualTo("application/protobuf");
    SearchTagsV2Response tags = SearchTagsV2Response.parseFrom(res.content().array());
    assertThat(tags.getScopesList()).hasSize(1);
    assertThat(tags.getScopes(0).getTagsList()).containsExactly("peer");
    assertThat(tags.getMetrics().getInspectedBytes()).isEqualTo(1100);

    res = QueryApiTest.get(server, "/api/v2/search/tag/kind/values", "t1", "application/protobuf");
    SearchTagValuesV2Response values = SearchTagValuesV2Response.parseFrom(res.content().array());
    assertThat(values.getTagValuesCount()).isEqualTo(6);
    assertThat(
            QueryApiTest.get(server, "/api/v2/search/tags", "t1", "application/x-protobuf")
                .contentType()
                .toString())
        .isEqualTo("application/json");
  }

  @Test
  void prefix() {
    assertThat(
            QueryApiTest.get(
                    prefixed, "/tempo/api/v2/search/tag/span.attr%2Fslash/values", null, null)
                .contentUtf8())
        .isEqualTo(
            "{\"tagValues\":[{\"type\":\"string\",\"value\":\"prefixed\"}],"
                + "\"metrics\":{\"inspectedBytes\":\"1100\"}}");
    assertThat(
            QueryApiTest.get(prefixed, "/tempo/api/search/tag/attr/slash/values", null, null)
                .contentUtf8())
        .isEqualTo("{\"tagValues\":[\"prefixed\"],\"metrics\":{\"inspectedBytes\":\"1100\"}}");
    assertThat(QueryApiTest.get(prefixed, "/tempo/api/search/tags", null, null).contentUtf8())
        .isEqualTo("{\"tagNames\":[\"attr/slash\"],\"metrics\":{\"inspectedBytes\":\"1100\"}}");
    assertThat(QueryApiTest.get(prefixed, "/api/v2/search/tags", null, null).status().code())
        .isEqualTo(404);
  }

  @Test
  void withoutASearchEngineTheRoutesAreAbsent() {
    assertThat(QueryApiTest.get(withoutSearch, "/api/v2/search/tags", null, null).status().code())
        .isEqualTo(404);
    assertThat(
            QueryApiTest.get(withoutSearch, "/api/search/tag/x/values", null, null).status().code())
        .isEqualTo(404);
  }

  static String enc(String s) {
    return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
  }
}
